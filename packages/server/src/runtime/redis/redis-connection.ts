import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { describeRedisAddress, parseRedisAddress } from './redis-address';

/**
 * One ioredis connection for one job of this process (BullMQ queue, BullMQ worker, pub/sub), named so
 * `CLIENT LIST` on the Redis side says who is who. BullMQ workers block on Redis, so its connections
 * must retry forever (`maxRetriesPerRequest: null`) rather than fail a command after a few retries;
 * a Redis restart then pauses the queues instead of killing the process.
 *
 * REDIS_URL names one server, a Sentinel group or a Cluster (redis-address.ts); with Sentinel, ioredis
 * asks the Sentinels for the primary and reconnects to the new one after a failover; with Cluster it
 * learns the nodes and follows slot moves (every key Muster makes carries the prefix's hash tag, so
 * each BullMQ queue lives in one slot).
 *
 * The URL may carry a password (`redis://:secret@host:6379`): it is never logged; use `redisTarget`.
 */
export type RedisConnection = Redis | Cluster;

export function createRedisConnection(url: string, name: string, options: RedisOptions = {}): RedisConnection {
  const common: RedisOptions = {
    connectionName: `muster:${name}`,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Give up connecting at start after a while, and say so, instead of hanging a start-up forever.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...options,
  };
  const address = parseRedisAddress(url);
  if ('problem' in address) throw new TypeError(`REDIS_URL ${address.problem}`);
  if (address.kind === 'server') return new Redis(url, common);
  if (address.kind === 'cluster') {
    const { lazyConnect, enableOfflineQueue, enableReadyCheck, ...perNode } = common;
    return new Cluster(address.nodes.map((n) => ({ ...n })), {
      ...(lazyConnect !== undefined && { lazyConnect }),
      ...(enableOfflineQueue !== undefined && { enableOfflineQueue }),
      ...(enableReadyCheck !== undefined && { enableReadyCheck }),
      clusterRetryStrategy: (times) => Math.min(times * 200, 2_000),
      redisOptions: {
        ...perNode,
        ...(address.username && { username: address.username }),
        ...(address.password && { password: address.password }),
        ...(address.tls && { tls: {} }),
      },
    });
  }
  return new Redis({
    ...common,
    sentinels: address.sentinels.map((s) => ({ ...s })),
    name: address.name,
    db: address.db,
    ...(address.username && { username: address.username }),
    ...(address.password && { password: address.password }),
    ...(address.sentinelPassword && { sentinelPassword: address.sentinelPassword }),
    ...(address.tls && { tls: {}, enableTLSForSentinelMode: true }),
    // Sentinels are asked again on every reconnect, so a failover is followed within a retry or two.
    sentinelRetryStrategy: (times) => Math.min(times * 200, 2_000),
  });
}

/** Where REDIS_URL points, without its credentials: what logs and errors may show. */
export function redisTarget(url: string): string {
  return describeRedisAddress(url);
}
