import { ContainerModule, type Newable } from 'inversify';
import { AccessPolicy } from '../access/access-policy';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { InteractionRouter } from '../commands/interaction-router';
import { IncidentChanges } from '../incidents/incident-changes';
import { IncidentLocator } from '../incidents/incident-locator';
import { IncidentRecorder } from '../incidents/incident-recorder';
import { ChatUpdatePublisher } from '../outbox/chat-update-publisher';
import { AnnounceHandler } from '../outbox/handlers/announce.handler';
import { CardRefreshHandler } from '../outbox/handlers/card-refresh.handler';
import { CatchUpHandler } from '../outbox/handlers/catch-up.handler';
import { IncidentSummaries } from '../outbox/handlers/incident-summaries';
import { PostmortemDraftHandler } from '../outbox/handlers/postmortem-draft.handler';
import { RoomInviteHandler } from '../outbox/handlers/room-invite.handler';
import { RoomSetupHandler } from '../outbox/handlers/room-setup.handler';
import { UpdateDraftHandler } from '../outbox/handlers/update-draft.handler';
import { UpdateCardHandler } from '../outbox/handlers/update-card.handler';
import { UpdatePublishHandler } from '../outbox/handlers/update-publish.handler';
import { OutboxDispatcher } from '../outbox/outbox-dispatcher';
import { PeopleResolver } from '../people/people-resolver';
import { AssignRole } from '../services/assign-role';
import { CaptureConversation } from '../services/capture-conversation';
import { ChangeSeverity } from '../services/change-severity';
import { DeclareIncident } from '../services/declare-incident';
import { ServiceCatalog } from '../services/service-catalog';
import { Postmortems } from '../services/postmortems';
import { ActionItems } from '../services/action-items';
import { ListIncidents } from '../services/list-incidents';
import { IncidentMetricsReport } from '../services/incident-metrics';
import { PostmortemEditing } from '../services/postmortem-editing';
import { RecordNotes } from '../services/record-notes';
import { StatusUpdates } from '../services/status-updates';
import { RequestSummary } from '../services/request-summary';
import { TransitionIncident } from '../services/transition-incident';
import { ActionPreflight } from '../services/action-preflight';
import { RoomDirectory } from '../services/room-directory';
import { MusterInbound } from '../inbound/muster-inbound';
import { TOKENS } from './tokens';
import { PluginsCommand } from '../plugins/plugins-command';
import { PluginAdmins } from '../plugins/plugin-admins';
import { PluginSubmissions } from '../plugins/plugin-submissions';
import { AlertIntake } from '../services/alert-intake';
import { BUILT_IN_COMMANDS } from '../commands/built-in';
import { CommandRegistry } from '../commands/command-registry';
import { EventSubscribers } from '../extensions/event-subscribers';
import { CORE_SUBSCRIBERS } from '../outbox/subscribers';
import { ActionItemDueHandler } from '../outbox/reminders/action-item-due.handler';
import { CommanderVacantHandler } from '../outbox/reminders/commander-vacant.handler';
import { FollowUpReminderSubscriber } from '../outbox/reminders/follow-up-reminder.subscriber';
import { LifecycleReminderSubscriber } from '../outbox/reminders/lifecycle-reminder.subscriber';
import { PostmortemNudgeHandler } from '../outbox/reminders/postmortem-nudge.handler';
import { ReminderPosts } from '../outbox/reminders/reminder-posts';
import { UpdateDueHandler } from '../outbox/reminders/update-due.handler';
import { UpdateReminderSubscriber } from '../outbox/reminders/update-reminder.subscriber';
import { CORE_WORKFLOW_ACTIONS } from '../workflows/actions';
import { WorkflowActions, WorkflowRules } from '../workflows/workflow-rules';
import { WorkflowRunHandler } from '../workflows/workflow-run.handler';
import { WorkflowSubscriber } from '../workflows/workflow-subscriber';

const SERVICES = [
  IncidentLocator, AccessPolicy, IncidentRecorder, IncidentChanges, PeopleResolver,
  DeclareIncident, TransitionIncident, ChangeSeverity, AssignRole, RecordNotes, CaptureConversation,
  StatusUpdates, RequestSummary, Postmortems, ActionItems, ListIncidents, IncidentMetricsReport, PostmortemEditing, CommandDispatcher, InteractionRouter, OutboxDispatcher,
  ActionPreflight, RoomDirectory, PluginsCommand, PluginAdmins, PluginSubmissions, AlertIntake, CommandRegistry, EventSubscribers,
  IncidentSummaries, ServiceCatalog, ReminderPosts, UpdateReminderSubscriber, WorkflowRules, WorkflowActions, WorkflowSubscriber,
] as const;

const OUTBOX_HANDLERS = [
  RoomSetupHandler, RoomInviteHandler, CardRefreshHandler, AnnounceHandler, CatchUpHandler, UpdateDraftHandler, UpdateCardHandler, UpdatePublishHandler, PostmortemDraftHandler,
  UpdateDueHandler, CommanderVacantHandler, ActionItemDueHandler, PostmortemNudgeHandler, WorkflowRunHandler,
] as const;

/**
 * The application layer. The composition root (server, tests) binds the ports around it: Settings,
 * UnitOfWork, Repositories, ChatGatewayRegistry, DirectoryPort, Summarizer, Clock, IdGenerator, Logger.
 */
export const coreApplicationModule = new ContainerModule(({ bind, isBound }) => {
  for (const service of SERVICES as readonly Newable<unknown>[]) bind<unknown>(service).toSelf().inSingletonScope();
  for (const handler of OUTBOX_HANDLERS as readonly Newable<unknown>[]) bind<unknown>(TOKENS.OutboxHandler).to(handler).inSingletonScope();
  // Contributions: the built-in commands and core's event subscribers; a module binds more beside them.
  for (const command of BUILT_IN_COMMANDS as readonly Newable<unknown>[]) bind<unknown>(TOKENS.CommandContribution).to(command).inSingletonScope();
  for (const subscriber of CORE_SUBSCRIBERS as readonly Newable<unknown>[]) bind<unknown>(TOKENS.IncidentEventSubscriber).to(subscriber).inSingletonScope();
  // Reminders (outbox/reminders): durable timers set in the transaction of the change that calls for them.
  // The update clock hears incident events and published updates, one object under both tokens.
  bind(TOKENS.IncidentEventSubscriber).toService(UpdateReminderSubscriber);
  bind(TOKENS.StatusUpdateSubscriber).toService(UpdateReminderSubscriber);
  bind(TOKENS.IncidentEventSubscriber).to(LifecycleReminderSubscriber).inSingletonScope();
  bind(TOKENS.ActionItemSubscriber).to(FollowUpReminderSubscriber).inSingletonScope();
  // The workflow engine hears incident events after core's own (a room is asked for before a rule's
  // invite), and published updates; its actions are an open registry beside core's.
  bind(TOKENS.IncidentEventSubscriber).toService(WorkflowSubscriber);
  bind(TOKENS.StatusUpdateSubscriber).toService(WorkflowSubscriber);
  for (const action of CORE_WORKFLOW_ACTIONS as readonly Newable<unknown>[]) bind<unknown>(TOKENS.WorkflowAction).to(action).inSingletonScope();
  // The run-time registries a plugin host extends are the same singletons the core reads.
  bind(TOKENS.CommandExtensions).toService(CommandRegistry);
  bind(TOKENS.EventExtensions).toService(EventSubscribers);
  // Publishing goes to chat channels unless the composition root brings a richer publisher.
  bind(MusterInbound).toSelf().inSingletonScope();
  bind(TOKENS.InboundPort).toService(MusterInbound);
  if (!isBound(TOKENS.UpdatePublisher)) bind(TOKENS.UpdatePublisher).to(ChatUpdatePublisher).inSingletonScope();
});
