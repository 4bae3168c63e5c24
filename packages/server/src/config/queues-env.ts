import { parseRedisAddress } from '../runtime/redis/redis-address';
import { DEFAULT_REDIS_PREFIX, ENV } from './env-names';
import type { EnvReader } from './env-reader';

/** How this process takes part in the queues of multi-instance mode (REDIS_URL set). */
export interface QueuesConfig {
  /** MUSTER_WORK_QUEUES (default on): off for a `muster start` that only answers requests beside `muster worker`s. */
  readonly work: boolean;
  /** MUSTER_QUEUE_LOCK_DURATION_MS (default 30 000): how long a worker's hold on a job lasts without renewal (renewed at half). */
  readonly lockDurationMs: number;
  /** MUSTER_QUEUE_STALLED_INTERVAL_MS (default 30 000): how often workers look for jobs whose worker died and hand them on. */
  readonly stalledIntervalMs: number;
}

const DEFAULT_QUEUE_TIMING_MS = 30_000;
/**
 * MUSTER_REDIS_PREFIX: every key (BullMQ's, the plugin notices' channel) starts with it, so several
 * installations or test runs share one Redis. On Redis Cluster give it a hash tag, `{muster}`, so each
 * queue's keys land in one slot as BullMQ's scripts require.
 */
const PREFIX = /^[A-Za-z0-9{}_.:-]{1,64}$/;
/** A non-empty `{…}`: Redis Cluster hashes only what is inside it. */
const HASH_TAG = /\{[^{}]+\}/;

/** REDIS_URL (`redis://`, `rediss://`, `redis+sentinel://` for Sentinel or `redis+cluster://` for Cluster: runtime/redis/redis-address.ts), MUSTER_REDIS_PREFIX and the queue settings, each checked. */
export function readRedisEnv(env: EnvReader): { redisUrl?: string; redisPrefix: string; queues: QueuesConfig } {
  const redisUrl = env.string(ENV.redisUrl);
  const address = redisUrl === undefined ? undefined : parseRedisAddress(redisUrl);
  // The value may carry a password: name the rule, never echo it.
  if (address && 'problem' in address) env.problems.add(ENV.redisUrl, address.problem);
  const prefix = env.string(ENV.redisPrefix);
  if (prefix !== undefined && !PREFIX.test(prefix)) env.problems.add(ENV.redisPrefix, 'must be 1 to 64 letters, digits or _ . : - { } (e.g. muster, or {muster} on Redis Cluster)', prefix);
  // On a Cluster every key of one BullMQ queue must hash to one slot: the prefix must be a hash tag.
  const cluster = address !== undefined && 'kind' in address && address.kind === 'cluster';
  if (cluster && prefix !== undefined && PREFIX.test(prefix) && !HASH_TAG.test(prefix)) {
    env.problems.add(ENV.redisPrefix, `must contain a hash tag on Redis Cluster, e.g. {${prefix}}, so each queue's keys land in one slot`, prefix);
  }
  return {
    ...(redisUrl && { redisUrl }),
    redisPrefix: prefix && PREFIX.test(prefix) ? prefix : cluster ? `{${DEFAULT_REDIS_PREFIX}}` : DEFAULT_REDIS_PREFIX,
    queues: {
      work: env.boolean(ENV.workQueues) ?? true,
      lockDurationMs: env.integer(ENV.queueLockDurationMs, 1_000, 600_000) ?? DEFAULT_QUEUE_TIMING_MS,
      stalledIntervalMs: env.integer(ENV.queueStalledIntervalMs, 1_000, 600_000) ?? DEFAULT_QUEUE_TIMING_MS,
    },
  };
}
