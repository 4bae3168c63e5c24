import type { Clock, Logger, Outbox, OutboxDispatcher, OutboxOutcome } from '@muster/core';
import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import type { QueuesConfig } from '../../config/queues-env';
import { createRedisConnection, redisTarget, type RedisConnection } from '../redis/redis-connection';
import { BullMqOutboxRelay } from './bullmq-outbox-relay';
import { BullMqOutboxWorker } from './bullmq-outbox-worker';
import { BullMqScheduler } from './bullmq-scheduler';
import { OUTBOX_QUEUE, type OutboxJobData } from './outbox-job';

export interface QueueRuntimeDeps {
  readonly config: QueuesConfig & { readonly redisUrl: string; readonly prefix: string };
  readonly outbox: Outbox;
  /** Resolved at start: the dispatcher comes from the container this runtime is bound in. */
  readonly dispatcher: () => Pick<OutboxDispatcher, 'process'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly record: (outcome: OutboxOutcome) => void;
  /** Outbox jobs one process runs at once (the pump's POOL_SIZE). */
  readonly concurrency: number;
}

export interface RedisHealth {
  readonly ok: boolean;
  readonly detail: string;
}

/** Job counts of the outbox queue by state, for /metrics. */
export type QueueCounts = Readonly<Record<string, number>>;

const PROBE_TIMEOUT_MS = 2_000;
const QUIT_TIMEOUT_MS = 2_000;

/**
 * Multi-instance mode (REDIS_URL): the outbox relay of this process, and, unless MUSTER_WORK_QUEUES is
 * off, its BullMQ workers and the fleet-wide scheduler's worker. Nothing connects before `start()`.
 * Its own connection for probes (readyz, metrics) fails fast instead of queueing while Redis is down,
 * so a probe answers "Redis is down" rather than hanging.
 */
export class QueueRuntime {
  readonly scheduler: BullMqScheduler;
  private readonly connections: RedisConnection[] = [];
  private probe: RedisConnection | undefined;
  private queue: Queue<OutboxJobData> | undefined;
  private relay: BullMqOutboxRelay | undefined;
  private worker: BullMqOutboxWorker | undefined;
  private started = false;

  constructor(private readonly deps: QueueRuntimeDeps) {
    const { config, logger } = deps;
    this.scheduler = new BullMqScheduler({
      connection: this.connect('scheduler'), prefix: config.prefix, work: config.work,
      lockDurationMs: config.lockDurationMs, stalledIntervalMs: config.stalledIntervalMs,
    }, logger);
  }

  /** `redis://host:port` (never the password). */
  get target(): string {
    return redisTarget(this.deps.config.redisUrl);
  }

  get works(): boolean {
    return this.deps.config.work;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    const { config, outbox, clock, logger } = this.deps;
    this.probe = createRedisConnection(config.redisUrl, 'probe', { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.probe.on('error', () => undefined); // reported by readyz, not as a log line per reconnect attempt
    this.queue = new Queue<OutboxJobData>(OUTBOX_QUEUE, { connection: this.connect('relay'), prefix: config.prefix });
    this.queue.on('error', () => undefined); // the relay logs its failures once per outage
    this.relay = new BullMqOutboxRelay(this.queue, outbox, clock, logger);
    this.relay.start();
    if (config.work) {
      this.worker = new BullMqOutboxWorker(
        { outbox, dispatcher: this.deps.dispatcher(), clock, record: this.deps.record },
        {
          connection: this.connect('outbox-worker'), prefix: config.prefix, concurrency: this.deps.concurrency,
          lockDurationMs: config.lockDurationMs, stalledIntervalMs: config.stalledIntervalMs, name: workerName(),
        },
        logger,
      );
      this.worker.start();
    }
    this.scheduler.start();
  }

  /** Work was queued in the database: relay it now rather than at the next tick. */
  kick(): void {
    this.relay?.kick();
  }

  async health(): Promise<RedisHealth> {
    if (!this.probe) return { ok: false, detail: `Redis (${this.target}) is not connected yet` };
    try {
      const answer = await withTimeout(this.probe.ping(), PROBE_TIMEOUT_MS);
      return answer === 'PONG' ? { ok: true, detail: 'reachable' } : { ok: false, detail: `Redis (${this.target}) answered ${answer}` };
    } catch {
      return { ok: false, detail: `Redis (${this.target}) cannot be reached` };
    }
  }

  /** The outbox queue's jobs by state, or undefined when Redis does not answer in time. */
  async counts(): Promise<QueueCounts | undefined> {
    if (!this.queue || this.probe?.status !== 'ready') return undefined;
    try {
      return await withTimeout(this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'), PROBE_TIMEOUT_MS);
    } catch {
      return undefined;
    }
  }

  /** Stops relaying and taking jobs, lets active jobs finish for up to `graceMs`, then closes every connection. */
  async stop(graceMs: number): Promise<void> {
    await this.relay?.stop();
    await this.worker?.stop(graceMs);
    await this.scheduler.stop(QUIT_TIMEOUT_MS);
    await withTimeout(this.queue?.close() ?? Promise.resolve(), QUIT_TIMEOUT_MS).catch(() => undefined);
    await Promise.all([...this.connections, ...(this.probe ? [this.probe] : [])].map((c) => quit(c)));
  }

  private connect(name: string): RedisConnection {
    const connection = createRedisConnection(this.deps.config.redisUrl, name, { lazyConnect: true });
    connection.on('error', () => undefined); // BullMQ's own 'error' events carry what matters
    this.connections.push(connection);
    return connection;
  }
}

/** Which process ran a job, as BullMQ's `processedBy` shows it. */
export const workerName = (): string => `${hostname()}#${process.pid}`;

async function quit(connection: RedisConnection): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status === 'wait') {
    connection.disconnect(); // never used (lazy): nothing to say goodbye to
    return;
  }
  try {
    await withTimeout(connection.quit(), QUIT_TIMEOUT_MS);
  } catch {
    connection.disconnect();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timed out')), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
