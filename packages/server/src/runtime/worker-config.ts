import { MusterError } from '@muster/core';
import type { ServerConfig } from '../config/server-config';

/**
 * What `muster worker` needs, checked before anything starts: the queues live in Redis and every
 * instance must share one database, which an SQLite file cannot be (one process owns it).
 */
export function workerConfig(config: ServerConfig): ServerConfig {
  if (!config.redisUrl) {
    throw new MusterError('configuration', '`muster worker` works the shared job queues, which live in Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379). Without Redis, `muster start` runs the outbox in its own process.');
  }
  if (config.database.kind !== 'mysql') {
    throw new MusterError('configuration', '`muster worker` needs the database every instance shares, and an SQLite file belongs to one process: set MUSTER_DATABASE_URL to a MySQL or MariaDB database (mysql://user:password@host:3306/muster). With SQLite, run one `muster start` and no worker.');
  }
  if (!config.queues.work) {
    throw new MusterError('configuration', 'MUSTER_WORK_QUEUES is off, and working the queues is all `muster worker` does: unset it for the worker (keep it off only for `muster start` instances that should not work them).');
  }
  // A worker has no terminal chat: it serves the probes only.
  return { ...config, console: false };
}

/** `muster start --no-worker`: answer requests and relay the outbox, but leave the jobs to `muster worker`s. */
export function withoutQueueWork(config: ServerConfig): ServerConfig {
  if (!config.redisUrl) {
    throw new MusterError('configuration', '--no-worker leaves the outbox to `muster worker` processes, which need Redis: set REDIS_URL (and a MySQL/MariaDB MUSTER_DATABASE_URL), or drop --no-worker to run everything in this process.');
  }
  return { ...config, queues: { ...config.queues, work: false } };
}
