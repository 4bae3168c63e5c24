import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Connection } from 'mysql2/promise';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { ANA, BOB, SIGNING_SECRET } from '../e2e/slack/slack-client';
import { createMariaDbDatabase, removeDir, runCli, tempDir, type ChildServer } from './server-support';
import { eventually } from '../kits/wait';
import { count, deleteRedisKeys, mariaDb, REDIS_URL, startCli, uniqueRedisPrefix } from './multi-instance-kit';

export interface FleetOptions {
  readonly instances: number;
  /** muster.yaml beside the processes; `{team}` is replaced by the fake Slack's team id. */
  readonly yaml: string;
  /** More environment for every instance (plugin secrets, queue timings). */
  readonly env?: Record<string, string>;
}

/**
 * `instances` real `muster start` processes on one fresh MariaDB database and one Redis prefix, with
 * Slack pointed at one fake Slack (Ana and Bob known there), migrated once before they start. `db` reads
 * what they stored; `queue` is their BullMQ outbox queue, to see what is in flight. `stop` kills what is
 * left and removes the database, the Redis keys and the directory.
 */
export class Fleet {
  readonly processes: ChildServer[] = [];

  private constructor(
    readonly dir: string, readonly slack: FakeSlackApi, readonly db: Connection, readonly queue: Queue,
    private readonly database: { drop(): Promise<void> }, private readonly prefix: string,
  ) {}

  static async start(options: FleetOptions): Promise<Fleet> {
    const dir = tempDir('fleet');
    const slack = await FakeSlackApi.start();
    for (const user of [ANA, BOB]) slack.addUser({ id: user.id, name: user.name, displayName: user.name });
    const database = await createMariaDbDatabase();
    const db = await mariaDb(database.name);
    const prefix = uniqueRedisPrefix();
    const fleet = new Fleet(dir, slack, db, new Queue('outbox', { connection: { host: '127.0.0.1', port: 6379 }, prefix }), database, prefix);
    writeFileSync(join(dir, 'muster.yaml'), options.yaml.replaceAll('{team}', slack.teamId));
    const env = {
      MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:3306/${database.name}`, MUSTER_SECRET_KEY: 'fleet-secret-key-0123456789abcdef0123456789',
      REDIS_URL, MUSTER_REDIS_PREFIX: prefix, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
      ...options.env,
    };
    const migrated = await runCli(['migrate'], { cwd: dir, env });
    expect(migrated.code, migrated.stderr + migrated.stdout).to.equal(0);
    for (let i = 0; i < options.instances; i++) fleet.processes.push(await startCli(['start'], dir, env));
    return fleet;
  }

  /** Waits until nothing is due in the outbox and nothing waits or runs in BullMQ: every instance has done what it took. */
  idle(what: string, timeoutMs = 180_000): Promise<true> {
    return eventually(what, async () => {
      const due = await count(this.db, 'SELECT COUNT(*) AS n FROM outbox WHERE completed_at IS NULL AND dead = 0 AND available_at <= UTC_TIMESTAMP()');
      const jobs = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return due === 0 && Object.values(jobs).every((n) => n === 0) ? true as const : undefined;
    }, timeoutMs, 100);
  }

  async stop(): Promise<void> {
    for (const c of this.processes) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(this.processes.map((c) => c.exited));
    await this.queue.close();
    await this.db.end();
    await this.database.drop();
    await deleteRedisKeys(this.prefix);
    await this.slack.close();
    removeDir(this.dir);
  }
}
