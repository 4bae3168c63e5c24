/** DI tokens share the port's name (ARCHITECTURE.md section 4). */
export const TOKENS = {
  Settings: Symbol.for('MusterSettings'),
  UnitOfWork: Symbol.for('UnitOfWork'),
  Repositories: Symbol.for('Repositories'),
  ChatGatewayRegistry: Symbol.for('ChatGatewayRegistry'),
  DirectoryPort: Symbol.for('DirectoryPort'),
  /** Optional: the same human's identities on other platforms (ports/identity-links.port.ts). */
  IdentityLinks: Symbol.for('IdentityLinks'),
  Summarizer: Symbol.for('Summarizer'),
  UpdatePublisher: Symbol.for('UpdatePublisher'),
  Clock: Symbol.for('Clock'),
  IdGenerator: Symbol.for('IdGenerator'),
  Logger: Symbol.for('Logger'),
  /** Periodic work run once per tick for the whole installation (the server binds in-process or BullMQ). */
  Scheduler: Symbol.for('Scheduler'),
  OutboxHandler: Symbol.for('OutboxHandler'),
  /** Built-in and module commands, multi-injected (commands/command-registry). */
  CommandContribution: Symbol.for('CommandContribution'),
  /** Domain-event subscribers, multi-injected (extensions/extension-points.ts). */
  IncidentEventSubscriber: Symbol.for('IncidentEventSubscriber'),
  /** Subscribers to published status updates, multi-injected (extensions/extension-points.ts). */
  StatusUpdateSubscriber: Symbol.for('StatusUpdateSubscriber'),
  ActionItemSubscriber: Symbol.for('ActionItemSubscriber'),
  /** Workflow step kinds, multi-injected (workflows/workflow-action.ts): core's own and a module's. */
  WorkflowAction: Symbol.for('WorkflowAction'),
  /** Run-time registries: CommandExtensions and EventExtensions (extensions/extension-points.ts). */
  CommandExtensions: Symbol.for('CommandExtensions'),
  EventExtensions: Symbol.for('EventExtensions'),
  /** Optional: the plugin host's administration side, for `plugins list|install|configure|uninstall`. */
  PluginAdministration: Symbol.for('PluginAdministration'),
  /** The InboundPort every chat adapter calls. */
  InboundPort: Symbol.for('InboundPort'),
} as const;
