import type { Logger } from '@muster/core';
import { TOKENS } from '@muster/core';
import { loadConfig } from '../config/load-config';
import type { ServerConfig } from '../config/server-config';
import type { Store } from '@muster/store';
import { SERVER_TOKENS } from '../container/server-tokens';
import { oidcProviders } from '../web/sign-in/oidc-providers';
import { CONSOLE_WORKSPACE, consolePerson, dashboardBase, makeLoginLink } from '../web/sign-in/login-link';
import { banner, workerBanner, type DashboardLine } from './banner';
import { runConsole } from './console-chat';
import { describeStartError } from './start-error';
import { startServer, type RunningServer } from './start-server';
import { withoutQueueWork, workerConfig } from './worker-config';

export interface ProcessOptions {
  /** `muster start --no-worker`: the same as MUSTER_WORK_QUEUES=off. */
  readonly noWorker?: boolean;
}

/**
 * `muster start`: configuration, server, console chat, signals. Every failure to start is one line on
 * stderr and exit code 1; SIGTERM/SIGINT (and leaving the console) stop gracefully with exit code 0.
 */
export async function runServerProcess(options: ProcessOptions = {}): Promise<void> {
  await runProcess('server', (loaded) => (options.noWorker ? withoutQueueWork(loaded) : loaded));
}

/**
 * `muster worker`: only the queues (outbox relay, workers, fleet-wide schedules) and the probes on
 * MUSTER_PORT. Refused without REDIS_URL or with SQLite. SIGTERM stops taking jobs and lets the
 * active ones finish (bounded) before it exits.
 */
export async function runWorkerProcess(): Promise<void> {
  await runProcess('worker', workerConfig);
}

async function runProcess(role: 'server' | 'worker', adjust: (config: ServerConfig) => ServerConfig): Promise<void> {
  let config: ServerConfig | undefined;
  let running: RunningServer;
  try {
    config = adjust(loadConfig({ env: process.env, cwd: process.cwd(), interactive: role === 'server' && !!process.stdin.isTTY }));
    running = await startServer(config, { role });
  } catch (error) {
    process.stderr.write(`${describeStartError(error, config?.logLevel === 'debug' || process.env.MUSTER_LOG_LEVEL === 'debug')}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = running.container.get<Logger>(TOKENS.Logger);
  process.stdout.write(role === 'worker' ? workerBanner(config, running.url) : banner(config, running.url, await dashboardAtStart(config, running, logger)));

  let exiting = false;
  const stop = (reason: string) => {
    if (exiting) return;
    exiting = true;
    logger.info('Stop requested', { reason });
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${describeStartError(error, config?.logLevel === 'debug')}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  if (config.console) runConsole(running.container, logger, () => stop('console closed'));
}

/**
 * With the console chat on (a laptop's `npm start`), the banner carries a one-time link that signs the
 * console's person in; otherwise it says how to sign in. A link that cannot be made costs only the link.
 */
async function dashboardAtStart(config: ServerConfig, running: RunningServer, logger: Logger): Promise<DashboardLine> {
  const providers = config.publicUrl ? oidcProviders(config).map((p) => p.label) : [];
  if (!config.console) return { providers };
  try {
    const store = running.container.get<Store>(SERVER_TOKENS.Store);
    const { url } = await makeLoginLink(store, config.settings, consolePerson(), CONSOLE_WORKSPACE, dashboardBase(config.publicUrl, running.url));
    return { providers, loginLink: url };
  } catch (error) {
    logger.warn('the start banner\'s sign-in link could not be made; `muster login-link` makes one', { err: error });
    return { providers };
  }
}
