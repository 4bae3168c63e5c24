import { expect } from 'chai';
import type { Logger } from '@muster/core';
import { Queue } from 'bullmq';
import { BullMqScheduler, SCHEDULES_QUEUE } from './bullmq-scheduler';
import { InProcessScheduler } from './in-process-scheduler';
import { deleteKeys, uniquePrefix } from './queues.spec-helper';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('InProcessScheduler', () => {
  it('runs a task every interval, never two runs of it at once, and a failure does not stop it', async () => {
    const scheduler = new InProcessScheduler(silent);
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    scheduler.every('slow', 5, async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      runs++;
      await new Promise((r) => setTimeout(r, 25));
      concurrent--;
      if (runs === 1) throw new Error('first run fails');
    });
    await until(() => runs >= 3, 'three runs');
    await scheduler.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 30));
    expect(maxConcurrent).to.equal(1);
    expect(runs, 'no run after stop').to.equal(after);
  });
});

describe('BullMqScheduler (local Redis)', function () {
  this.timeout(30_000);
  const prefix = uniquePrefix('schedules');
  after(() => deleteKeys(prefix));

  it('declares one job scheduler per task however many instances declare it, and a worker runs its ticks', async () => {
    const options = { connection: { host: '127.0.0.1', port: 6379 }, prefix, lockDurationMs: 5_000, stalledIntervalMs: 5_000 };
    const runs: string[] = [];
    const a = new BullMqScheduler({ ...options, work: true }, silent);
    const b = new BullMqScheduler({ ...options, work: false }, silent);
    a.every('gauge-refresh', 200, async () => { runs.push('a'); });
    b.every('gauge-refresh', 200, async () => { runs.push('b'); });
    a.start();
    b.start();
    const queue = new Queue(SCHEDULES_QUEUE, { connection: options.connection, prefix });
    try {
      await until(async () => (await queue.getJobSchedulers()).length === 1 && runs.length >= 2, 'ticks');
      expect((await queue.getJobSchedulers()).map((s) => s.key)).to.deep.equal(['gauge-refresh']);
      expect(runs.every((r) => r === 'a'), 'only the instance that works the queues runs ticks').to.equal(true);
    } finally {
      await Promise.all([a.stop(), b.stop(), queue.close()]);
    }
  });
});
