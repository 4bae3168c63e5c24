import { TOKENS, type Repositories } from '@muster/core';
import type { Store } from '@muster/store';
import type { Container } from 'inversify';
import { SERVER_TOKENS } from '../container/server-tokens';
import { errorBody, json } from '../http/response';
import type { Router } from '../http/router';
import type { ServerMetrics } from '../metrics/server-metrics';
import type { PlatformHealth, PlatformIntegration } from '../platforms/platform-integration';
import type { QueueRuntime } from '../runtime/queues/queue-runtime';

const READY_QUERY_TIMEOUT_MS = 3000;

/** Liveness, readiness and metrics: unauthenticated, for load balancers and Prometheus. */
/** `platforms: false` (a worker): readiness leaves out the chat platforms, which a worker does not connect to. */
export function registerOpsRoutes(router: Router, container: Container, options: { readonly platforms?: boolean } = {}): void {
  const store = container.get<Store>(SERVER_TOKENS.Store);
  const repos = container.get<Repositories>(TOKENS.Repositories);
  const metrics = container.get<ServerMetrics>(SERVER_TOKENS.Metrics);
  const platforms = options.platforms === false ? [] : container.get<readonly PlatformIntegration[]>(SERVER_TOKENS.Platforms);
  const queues = container.isBound(SERVER_TOKENS.Queues) ? container.get<QueueRuntime>(SERVER_TOKENS.Queues) : undefined;

  // Alive means the event loop answers; it never touches the database, so a database outage does not get the process restarted.
  router.get('/healthz', async () => json(200, { status: 'ok' }));

  // Ready means the database answers, Redis too in multi-instance mode (the queues live there), and every chat platform switched on says it can hear and post.
  router.get('/readyz', async () => {
    try {
      await withTimeout(store.dataSource.query('SELECT 1'), READY_QUERY_TIMEOUT_MS);
    } catch (error) {
      const reason = error instanceof Error && /timed out/.test(error.message) ? 'the database did not answer in time' : 'the database cannot be reached';
      return json(503, { status: 'unavailable', ...errorBody('unavailable', `Not ready: ${reason}.`) }, { 'retry-after': '5' });
    }
    if (queues) {
      const answer = await queues.health();
      if (!answer.ok) return json(503, { status: 'unavailable', database: 'reachable', redis: 'unreachable', ...errorBody('unavailable', `Not ready: ${answer.detail}.`) }, { 'retry-after': '5' });
    }
    const redis = queues ? { redis: 'reachable' } : {};
    const health = await platformHealth(platforms);
    const sick = Object.entries(health).filter(([, h]) => !h.ok);
    const shown = Object.keys(health).length ? { platforms: health } : {};
    if (sick.length) {
      const why = sick.map(([name, h]) => `${name}: ${h.detail ?? 'not healthy'}`).join('; ');
      return json(503, { status: 'unavailable', database: 'reachable', ...redis, ...shown, ...errorBody('unavailable', `Not ready: ${why}.`) }, { 'retry-after': '5' });
    }
    return json(200, { status: 'ready', database: 'reachable', ...redis, ...shown });
  });

  router.get('/metrics', async () => ({ status: 200, text: await metrics.scrape(repos), headers: { 'content-type': metrics.contentType } }));
}

/** Each platform's own health; one that throws or hangs is reported as such, not as a failed probe. */
async function platformHealth(platforms: readonly PlatformIntegration[]): Promise<Record<string, PlatformHealth>> {
  const entries = await Promise.all(platforms.map(async (p): Promise<[string, PlatformHealth]> => {
    try {
      return [p.platform, await withTimeout(p.health(), READY_QUERY_TIMEOUT_MS)];
    } catch {
      return [p.platform, { ok: false, detail: 'its health check failed or did not answer in time' }];
    }
  }));
  return Object.fromEntries(entries);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
