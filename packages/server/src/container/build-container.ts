import {
  coreApplicationModule, hasEmailLookup, OutboxDispatcher, TOKENS, WorkflowActions, type ChatGateway, type ChatPlatform, type Clock, type DirectoryPort,
  type EmailDirectory, type IdGenerator, type IncidentEventSubscriber, type Logger, type OutboxHandler, type Summarizer,
} from '@muster/core';
import { createStore, type Store } from '@muster/store';
import { createSummarizer } from '@muster/summarizer';
import { Container, ContainerModule } from 'inversify';
import { DEFAULT_REDIS_PREFIX } from '../config/env-names';
import type { ServerConfig } from '../config/server-config';
import { createServerLogger } from '../logging/server-logger';
import { ServerMetrics } from '../metrics/server-metrics';
import { OutboxPump, POOL_SIZE } from '../runtime/outbox-pump';
import { InProcessScheduler } from '../runtime/queues/in-process-scheduler';
import type { QueueRuntime } from '../runtime/queues/queue-runtime';
import { SERVER_TOKENS } from './server-tokens';
import { resolveSecretKey } from '../runtime/secret-key';
import type { PlatformFactory } from '../platforms/platform-integration';
import { buildPlatforms, PLATFORM_FACTORIES } from '../platforms/platform-registry';
import { EmailIdentityLinks } from '../identity/email-identity-links';
import type { PluginTimeouts } from '../plugins/guard/plugin-timeouts';
import { pluginsModule } from '../plugins/plugins-module';
import { summarizerConfigFrom } from './summarizer-config';
import { PlatformDirectory, StaticGatewayRegistry, SystemClock, UuidIdGenerator } from './system-parts';

/** Parts a caller (a test, the demo) brings instead of the ones built from the configuration. */
export interface ContainerOverrides {
  readonly store?: Store;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly summarizer?: Summarizer;
  /** Where the console chat writes; default stdout. Only used when the console is on. */
  readonly consoleOutput?: NodeJS.WritableStream;
  readonly consoleColor?: boolean;
  /**
   * Platforms beyond the registry's, or in place of the registry's one of the same platform (a platform
   * under test, built around local fakes); built, mounted and stopped like the others.
   */
  readonly platforms?: readonly PlatformFactory[];
  /** Extra gateways and directories, e.g. a platform under test. */
  readonly gateways?: readonly ChatGateway[];
  readonly directories?: Partial<Record<ChatPlatform, DirectoryPort>>;
  /** The plugin host's time limits per operation (tests shorten them); see plugins/guard/plugin-timeouts.ts. */
  readonly pluginTimeouts?: Partial<PluginTimeouts>;
  /** How often each instance reconciles its chat plugin installations with the database (REDIS_URL only; default 30 s). */
  readonly pluginReconcileMs?: number;
  /** Outbox handlers and event subscribers bound beside core's own (a test's, or an embedding application's). */
  readonly contributions?: {
    readonly outboxHandlers?: readonly OutboxHandler[];
    readonly eventSubscribers?: readonly IncidentEventSubscriber[];
  };
}

/**
 * The one container of the process. It opens the store (without migrating: the runtime decides),
 * builds the chat platforms whose credentials are set (platforms/platform-registry.ts), and binds
 * their gateways and directories around the core's application module. The process (server, CLI)
 * gets its container only here; two test harnesses compose core without the server, because their
 * layers may not import it (ARCHITECTURE §2): core's app-harness.spec-helper.ts and the console's
 * testing/console-harness.ts, each with an in-memory store and recording or console gateways.
 */
export async function buildContainer(config: ServerConfig, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createServerLogger(config);
  const store = overrides.store ?? (await createStore(config.databaseUrl, { migrate: false, sqliteSynchronous: config.sqliteSynchronous }));
  try {
    return bindAll(config, overrides, logger, store);
  } catch (error) {
    if (!overrides.store) await store.close().catch(() => undefined);
    throw error;
  }
}

function bindAll(config: ServerConfig, overrides: ContainerOverrides, logger: Logger, store: Store): Container {
  const clock = overrides.clock ?? new SystemClock();
  const platforms = buildPlatforms(config, {
    logger, store, secret: () => resolveSecretKey(config, logger),
    terminal: { output: overrides.consoleOutput ?? process.stdout, color: overrides.consoleColor ?? !!process.stdout.isTTY },
  }, PLATFORM_FACTORIES, overrides.platforms ?? []);
  const gateways: ChatGateway[] = platforms.map((p) => p.gateway);
  const directories: Partial<Record<ChatPlatform, DirectoryPort>> = {};
  for (const p of platforms) if (p.directory) directories[p.platform] = p.directory;
  gateways.push(...(overrides.gateways ?? []));
  Object.assign(directories, overrides.directories);

  const summarizer = overrides.summarizer ?? createSummarizer(summarizerConfigFrom(config), { summaries: store.repositories.summaries, clock, logger });
  const metrics = new ServerMetrics();
  metrics.watchCommits(() => store.unitOfWork.stats);
  const ids = overrides.ids ?? new UuidIdGenerator();

  const serverModule = new ContainerModule(({ bind }) => {
    bind(SERVER_TOKENS.Config).toConstantValue(config);
    bind(SERVER_TOKENS.Store).toConstantValue(store);
    bind(SERVER_TOKENS.Metrics).toConstantValue(metrics);
    bind(SERVER_TOKENS.Platforms).toConstantValue(platforms);
    bind(TOKENS.Settings).toConstantValue(config.settings);
    bind(TOKENS.UnitOfWork).toConstantValue(store.unitOfWork);
    bind(TOKENS.Repositories).toConstantValue(store.repositories);
    bind(TOKENS.ChatGatewayRegistry).toConstantValue(new StaticGatewayRegistry(gateways));
    bind(TOKENS.DirectoryPort).toConstantValue(new PlatformDirectory(directories));
    bind(TOKENS.Summarizer).toConstantValue(summarizer);
    bind(TOKENS.Clock).toConstantValue(clock);
    bind(TOKENS.IdGenerator).toConstantValue(ids);
    bind(TOKENS.Logger).toConstantValue(logger);
    bind(SERVER_TOKENS.OutboxPump).to(OutboxPump).inSingletonScope();
    bindQueues(bind, config, store, metrics, clock, logger);
    for (const handler of overrides.contributions?.outboxHandlers ?? []) bind(TOKENS.OutboxHandler).toConstantValue(handler);
    for (const subscriber of overrides.contributions?.eventSubscribers ?? []) bind(TOKENS.IncidentEventSubscriber).toConstantValue(subscriber);
    const emailDirectories = withEmailLookup(directories);
    // Linking needs a second platform to find the person on; with one, every request would pay for nothing.
    if (Object.keys(emailDirectories).length >= 2) {
      bind(TOKENS.IdentityLinks).toConstantValue(new EmailIdentityLinks(emailDirectories, config.settings.tenants, logger));
    }
  });

  const plugins = pluginsModule({ config, store, metrics, logger, clock, ids, timeouts: overrides.pluginTimeouts, reconcileMs: overrides.pluginReconcileMs, directories: withEmailLookup(directories) });
  const container = new Container();
  container.load(serverModule, plugins, coreApplicationModule);
  // Every workflow step against its action (core's and the plugin host's) now, so a bad rule stops the start.
  container.get(WorkflowActions);
  return container;
}

type Bind = Parameters<ConstructorParameters<typeof ContainerModule>[0]>[0]['bind'];

/**
 * With REDIS_URL: the queue runtime (connected only when the server starts it) and its fleet-wide
 * scheduler; without: a scheduler of timers in this process.
 */
function bindQueues(bind: Bind, config: ServerConfig, store: Store, metrics: ServerMetrics, clock: Clock, logger: Logger): void {
  const { redisUrl } = config;
  if (!redisUrl) {
    bind(TOKENS.Scheduler).toConstantValue(new InProcessScheduler(logger));
    return;
  }
  let dispatcher: OutboxDispatcher | undefined;
  // bullmq and ioredis load only in multi-instance mode: a single process never needs them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous load on demand
  const { QueueRuntime } = require('../runtime/queues/queue-runtime') as typeof import('../runtime/queues/queue-runtime');
  bind(SERVER_TOKENS.Queues).toDynamicValue((context) => {
    const queues = new QueueRuntime({
      config: { ...config.queues, redisUrl, prefix: config.redisPrefix ?? DEFAULT_REDIS_PREFIX }, outbox: store.repositories.outbox, clock, logger, concurrency: POOL_SIZE,
      dispatcher: () => (dispatcher ??= context.get(OutboxDispatcher)), record: (outcome) => metrics.recordOutbox({ done: 0, retried: 0, dead: 0, [outcome]: 1 }),
    });
    metrics.watchOutboxQueue(() => queues.counts());
    return queues;
  }).inSingletonScope();
  bind(TOKENS.Scheduler).toDynamicValue((context) => context.get<QueueRuntime>(SERVER_TOKENS.Queues).scheduler).inSingletonScope();
}

/** The platforms whose directory can tell and find people by email (Slack, and Teams with Graph). */
function withEmailLookup(directories: Partial<Record<ChatPlatform, DirectoryPort>>): Partial<Record<ChatPlatform, EmailDirectory>> {
  const found: Partial<Record<ChatPlatform, EmailDirectory>> = {};
  for (const [platform, directory] of Object.entries(directories) as [ChatPlatform, DirectoryPort][]) {
    if (hasEmailLookup(directory)) found[platform] = directory;
  }
  return found;
}
