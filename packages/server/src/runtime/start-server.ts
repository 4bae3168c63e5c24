import type { InboundPort, Logger, MusterSettings, Scheduler } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import type { Router } from '../http/router';
import type { ServerConfig } from '../config/server-config';
import { configSummary } from '../config/config-summary';
import { buildContainer, type ContainerOverrides } from '../container/build-container';
import { SERVER_TOKENS } from '../container/server-tokens';
import { TOKENS } from '@muster/core';
import { createHttp, type HttpParts } from './create-http';
import { ensureMigrated } from './migrations-check';
import { syncConfigServices } from '../catalog/config-services-sync';
import type { OutboxPump } from './outbox-pump';
import type { QueueRuntime } from './queues/queue-runtime';
import { resolveSecretKey } from './secret-key';
import type { PlatformIntegration } from '../platforms/platform-integration';
import { PLUGIN_TOKENS } from '../plugins/plugins-module';
import type { PluginHost } from '../plugins/runtime/plugin-host';
import type { InstallationSync } from '../plugins/sync/installation-sync';

export interface StartOptions extends ContainerOverrides {
  /** Start the outbox pump, or in multi-instance mode the queues (default true). */
  readonly pump?: boolean;
  /**
   * `worker` (`muster worker`): only the queues (relay, workers, scheduler) and /healthz, /readyz,
   * /metrics; no chat, REST or webhook routes, and no platform connections (their gateways still post).
   */
  readonly role?: 'server' | 'worker';
  /** Adds routes before the server listens: adapters mount their raw handlers here (`router.mount('POST', '/slack/events', …)`). */
  readonly configureHttp?: (router: Router, container: Container) => void;
}

export interface RunningServer {
  /** `http://localhost:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly container: Container;
  /** Lets adapters mount raw handlers (`/slack/events`) on the running server. */
  readonly http: HttpParts;
  /** Resolves when every follow-up a platform started after an ack (modal, upload, reply) has finished. */
  idle(): Promise<void>;
  /**
   * Graceful: stop accepting, finish in-flight requests (≤ 10 s), stop the pump and a last drain
   * (≤ 10 s), or in multi-instance mode stop relaying and taking jobs and let active ones finish
   * (≤ 10 s; one cut off is handed to another instance), close the database.
   */
  stop(): Promise<void>;
}

export const SHUTDOWN_GRACE_MS = 10_000;
const LAST_DRAIN_MS = 10_000;

/**
 * Starts everything the configuration asks for: the store (migrated, or refused), the container,
 * HTTP on MUSTER_PORT with every chat platform mounted on it (and started once it listens), and the
 * outbox pump. The console chat is the caller's (the CLI runs it), so
 * tests can start servers without a terminal.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const container = await buildContainer(config, options);
  const logger = container.get<Logger>(TOKENS.Logger);
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const pump = container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
  const queues = container.isBound(SERVER_TOKENS.Queues) ? container.get<QueueRuntime>(SERVER_TOKENS.Queues) : undefined;
  const worker = options.role === 'worker';
  const plugins = container.get<PluginHost>(PLUGIN_TOKENS.Host);
  const pluginSync = container.isBound(PLUGIN_TOKENS.InstallationSync) ? container.get<InstallationSync>(PLUGIN_TOKENS.InstallationSync) : undefined;
  let http: HttpParts | undefined;
  try {
    logger.info('Starting Muster', configSummary(config));
    await plugins.load();
    const secret = resolveSecretKey(config, logger);
    logger.info('Secret key ready', { source: secret.source });
    await ensureMigrated(store, config, logger);
    // Before plugins start and requests arrive: both read the catalogue.
    await syncConfigServices(store.unitOfWork, config.services, config.settings, logger);
    if (config.database.kind === 'sqlite' && !queues) {
      // One process owns an SQLite file: whatever was leased when the last one died is ours to resume now.
      const released = await store.repositories.outbox.releaseLeases();
      if (released > 0) logger.info('Resuming outbox work left by the previous run', { released });
    }
    // Plugins run before HTTP listens: webhooks need their installations, and commands their registry entries.
    container.get(PLUGIN_TOKENS.CommandBridge);
    container.get(PLUGIN_TOKENS.IntegrationCommands);
    await plugins.start();
    // Before HTTP listens, so a change made on another instance meanwhile is not missed.
    await pluginSync?.start();
    http = createHttp(container, { opsOnly: worker });
    // A worker connects to no chat platform: it only posts, through the gateways bound in the container.
    const platforms = worker ? [] : container.get<readonly PlatformIntegration[]>(SERVER_TOKENS.Platforms);
    // With Redis, work queued by a request goes to the relay (and the routes' pump.kick() with it).
    if (queues) pump.handOffKicks(() => queues.kick());
    const mount = {
      inbound: container.get<InboundPort>(TOKENS.InboundPort), settings: container.get<MusterSettings>(TOKENS.Settings), logger,
      onWorkQueued: () => pump.kick(),
    };
    for (const platform of platforms) platform.mount(http.router, mount);
    options.configureHttp?.(http.router, container);
    const port = await http.server.listen(config.port);
    for (const platform of platforms) await platform.start();
    const httpServer = http.server;
    pump.yieldWhile(() => httpServer.requestsInFlight > 0);
    if (options.pump ?? true) {
      if (queues) queues.start();
      else pump.start();
    }
    const url = `http://localhost:${port}`;
    logger.info('Muster is listening', { url, port });
    let stopping: Promise<void> | undefined;
    const parts = http;
    return {
      url, port, container, http: parts,
      idle: async () => { await Promise.all(platforms.map((p) => p.idle())); },
      stop: () => (stopping ??= shutdown({ http: parts, work: queues ?? { pump, scheduler: container.get<Scheduler>(TOKENS.Scheduler) }, store, logger, platforms, plugins, pluginSync })),
    };
  } catch (error) {
    if (http) await http.server.close(0).catch(() => undefined);
    await pluginSync?.stop().catch(() => undefined);
    await plugins.stop().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}

interface RunningParts {
  readonly http: HttpParts;
  /** The in-process pump and scheduler, or in multi-instance mode the queues. */
  readonly work: { pump: OutboxPump; scheduler: Scheduler } | QueueRuntime;
  readonly store: Store;
  readonly logger: Logger;
  readonly platforms: readonly PlatformIntegration[];
  readonly plugins: PluginHost;
  readonly pluginSync?: InstallationSync;
}

async function shutdown({ http, work, store, logger, platforms, plugins, pluginSync }: RunningParts): Promise<void> {
  logger.info('Shutting down: finishing requests in flight', { inFlight: http.server.requestsInFlight });
  const { drained } = await http.server.close(SHUTDOWN_GRACE_MS);
  if (!drained) logger.warn('Some requests were still running after the grace period and were cut off');
  // Sockets closed, and the modals, uploads and replies each platform started after an ack are finished.
  for (const platform of platforms) {
    await platform.stop().catch((error: unknown) => logger.warn(`The ${platform.platform} integration did not stop cleanly`, { err: error }));
  }
  if ('pump' in work) {
    await work.scheduler.stop();
    await work.pump.stop();
    await work.pump.drainUntilIdle(LAST_DRAIN_MS);
  } else {
    // Jobs in flight finish here; what is left in the queue or the database is another instance's to run.
    await work.stop(LAST_DRAIN_MS);
  }
  await pluginSync?.stop();
  await plugins.stop();
  await store.close();
  logger.info('Muster stopped');
}
