import { Redis, type RedisOptions } from 'ioredis';

/**
 * One ioredis connection for one job of this process (BullMQ queue, BullMQ worker, pub/sub), named so
 * `CLIENT LIST` on the Redis side says who is who. BullMQ workers block on Redis, so its connections
 * must retry forever (`maxRetriesPerRequest: null`) rather than fail a command after a few retries;
 * a Redis restart then pauses the queues instead of killing the process.
 *
 * The URL may carry a password (`redis://:secret@host:6379`): it is never logged; use `redisTarget`.
 */
export function createRedisConnection(url: string, name: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: `muster:${name}`,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Give up connecting at start after a while, and say so, instead of hanging a start-up forever.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...options,
  });
}

/** `host:port/db` of a Redis URL, without its credentials: what logs and errors may show. */
export function redisTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const db = parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : '';
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${db}`;
  } catch {
    return 'an unparseable REDIS_URL';
  }
}
