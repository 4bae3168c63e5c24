import { dirname } from 'node:path';
import {
  AccessPolicy, IncidentChanges, TOKENS, type DirectoryPort, type ChatGatewayRegistry, type ChatPlatform, type Clock, type CommandExtensions, type EmailDirectory, type IdGenerator, type Logger,
  type OutboxHandler,
} from '@muster/core';
import type { Store } from '@muster/store';
import { ContainerModule } from 'inversify';
import type { ServerConfig } from '../config/server-config';
import type { ServerMetrics } from '../metrics/server-metrics';
import { resolveSecretKey } from '../runtime/secret-key';
import { HostPluginAdministration } from './admin/host-plugin-administration';
import { PluginCommandBridge } from './commands/plugin-command-bridge';
import { PluginEventHandler } from './events/plugin-event-handler';
import { PluginEventSubscriber } from './events/plugin-event-subscriber';
import { PluginGuard } from './guard/plugin-guard';
import { PluginHealthBook } from './guard/plugin-health-book';
import { DEFAULT_PLUGIN_TIMEOUTS, type PluginTimeouts } from './guard/plugin-timeouts';
import { registerIntegrationCommands } from './integrations/integration-commands';
import { IntegrationCallHandler } from './integrations/integration-call-handler';
import { pluginWorkflowActions } from './integrations/workflow-plugin-actions';
import { IntegrationSubscriber } from './integrations/integration-subscriber';
import { TicketIndex } from './integrations/ticket-index';
import { InstallationActivator } from './runtime/installation-activator';
import { PluginHost } from './runtime/plugin-host';
import { PluginSecretSealer } from './runtime/plugin-secret-sealer';
import { InstallationReconciler } from './sync/installation-reconciler';
import { InstallationSync } from './sync/installation-sync';
import type { RedisInstallationNotices } from './sync/redis-installation-notices';
import { DEFAULT_REDIS_PREFIX } from '../config/env-names';

/** ioredis loads only in multi-instance mode (REDIS_URL). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on demand
const redisNotices = (): typeof RedisInstallationNotices => (require('./sync/redis-installation-notices') as typeof import('./sync/redis-installation-notices')).RedisInstallationNotices;

/** The plugin host's parts in the container; core's AlertIntake and the command registry are resolved from it. */
export const PLUGIN_TOKENS = {
  Host: Symbol.for('PluginHost'),
  Guard: Symbol.for('PluginGuard'),
  CommandBridge: Symbol.for('PluginCommandBridge'),
  Sealer: Symbol.for('PluginSecretSealer'),
  /** Which follow-up each tracker ticket is (plugins/integrations/ticket-index.ts), for the tracker's webhooks. */
  TicketIndex: Symbol.for('PluginTicketIndex'),
  /** Resolving it registers `page` and `runbook` (plugins/integrations/integration-commands.ts); start-server does, after the bridge. */
  IntegrationCommands: Symbol.for('PluginIntegrationCommands'),
  /** With REDIS_URL: keeps this instance's chat installations equal to the database (plugins/sync); absent without. */
  InstallationSync: Symbol.for('PluginInstallationSync'),
} as const;

export interface PluginsModuleDeps {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly metrics: ServerMetrics;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Shorter limits for tests, longer for a slow network; each operation defaults to DEFAULT_PLUGIN_TIMEOUTS. */
  readonly timeouts?: Partial<PluginTimeouts>;
  /** The period of the installation reconcile with REDIS_URL (plugins/sync/installation-sync.ts). */
  readonly reconcileMs?: number;
  /** The chat directories that find people by email: paged people are invited to the rooms through them. */
  readonly directories?: Partial<Record<ChatPlatform, EmailDirectory>>;
}

export function pluginsModule(deps: PluginsModuleDeps): ContainerModule {
  const { config, store, metrics, logger, clock, ids } = deps;
  const health = new PluginHealthBook(store.pluginHealth, logger);
  const timeouts = { ...DEFAULT_PLUGIN_TIMEOUTS, ...deps.timeouts };
  const guard = new PluginGuard({ timeouts, health, metrics, timeline: store.repositories.timeline, clock, ids, logger });
  // The key is read once, and only when a secret is sealed or opened: an embedded in-memory store gets one ephemeral key per process.
  const sealer = new PluginSecretSealer(() => resolveSecretKey(config, logger).key);
  const activator = new InstallationActivator({ guard, logger, storage: store.pluginStorage, clock, settings: config.settings, services: store.repositories.services,
    ...(config.configFile && { configDirectory: dirname(config.configFile) }) });
  const tickets = new TicketIndex(store.pluginStorage, clock);
  const host = new PluginHost({ config, settings: config.settings, store, logger, activator, health, sealer, clock });
  // Several instances share the database only with Redis (ARCHITECTURE §8); one alone has nothing to converge with.
  const sync = config.redisUrl
    ? new InstallationSync(new InstallationReconciler({ host, store, sealer, health, clock, logger }), new (redisNotices())(config.redisUrl, config.redisPrefix ?? DEFAULT_REDIS_PREFIX, logger), logger, deps.reconcileMs)
    : undefined;
  return new ContainerModule(({ bind }) => {
    bind(PLUGIN_TOKENS.Host).toConstantValue(host);
    bind(PLUGIN_TOKENS.Guard).toConstantValue(guard);
    bind(PLUGIN_TOKENS.Sealer).toConstantValue(sealer);
    bind(PLUGIN_TOKENS.CommandBridge).toDynamicValue((ctx) => new PluginCommandBridge({
      host, guard, settings: config.settings, logger, extensions: ctx.get<CommandExtensions>(TOKENS.CommandExtensions, { optional: true }),
    })).inSingletonScope();
    bind(PLUGIN_TOKENS.IntegrationCommands).toDynamicValue((ctx) => {
      registerIntegrationCommands(ctx.get<CommandExtensions>(TOKENS.CommandExtensions, { optional: true }), {
        host, services: store.repositories.services, emailDirectories: deps.directories ?? {}, clock, logger,
        access: () => ctx.get(AccessPolicy), uow: () => store.unitOfWork, directory: () => ctx.get<DirectoryPort>(TOKENS.DirectoryPort, { optional: true }),
      });
      return true;
    }).inSingletonScope();
    if (sync) bind(PLUGIN_TOKENS.InstallationSync).toConstantValue(sync);
    bind(TOKENS.PluginAdministration).toConstantValue(new HostPluginAdministration({ host, store, sealer, health, settings: config.settings, clock, ids, logger, ...(sync && { changes: sync }) }));
    const subscriber = new PluginEventSubscriber(host);
    bind(TOKENS.IncidentEventSubscriber).toConstantValue(subscriber);
    bind(TOKENS.StatusUpdateSubscriber).toConstantValue(subscriber);
    bind<OutboxHandler>(TOKENS.OutboxHandler).toConstantValue(new PluginEventHandler({ host, guard, repos: store.repositories, logger, eventTimeoutMs: timeouts.event }));
    const integrations = new IntegrationSubscriber(host, config.settings.severities);
    bind(TOKENS.IncidentEventSubscriber).toConstantValue(integrations);
    bind(TOKENS.StatusUpdateSubscriber).toConstantValue(integrations);
    bind(TOKENS.ActionItemSubscriber).toConstantValue(integrations);
    // Workflow steps through the plugins (page, ticket, call, webhook), beside core's own.
    for (const action of pluginWorkflowActions(host, config.settings.severities)) bind(TOKENS.WorkflowAction).toConstantValue(action);
    bind(PLUGIN_TOKENS.TicketIndex).toConstantValue(tickets);
    bind<OutboxHandler>(TOKENS.OutboxHandler).toDynamicValue((ctx) => new IntegrationCallHandler(host, {
      guard, repos: store.repositories, logger, directories: deps.directories ?? {},
      // Core's parts are resolved when first needed: this module is loaded before core's.
      changes: () => ctx.get(IncidentChanges), gateways: () => ctx.get<ChatGatewayRegistry>(TOKENS.ChatGatewayRegistry, { optional: true }),
    }, tickets, timeouts.call)).inSingletonScope();
  });
}

