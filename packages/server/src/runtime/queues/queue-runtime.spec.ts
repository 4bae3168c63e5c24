import { expect } from 'chai';
import type { Clock, Logger, OutboxMessage, OutboxOutcome } from '@muster/core';
import { InMemoryDatabase, InMemoryOutbox } from '@muster/core/testing';
import { Queue } from 'bullmq';
import { QueueRuntime } from './queue-runtime';
import { runOutboxJob } from './bullmq-outbox-worker';
import { toJobData } from './outbox-job';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from './queues.spec-helper';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const clock: Clock = { now: () => new Date() };
const until = async (check: () => boolean | Promise<boolean>, what: string, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Records each attempt and completes it in the outbox, as the real dispatcher would; `hold` keeps matching topics in flight. */
class RecordingDispatcher {
  readonly runs: string[] = [];
  hold: (m: OutboxMessage) => boolean = () => false;
  constructor(private readonly outbox: InMemoryOutbox) {}
  async process(message: OutboxMessage): Promise<OutboxOutcome> {
    this.runs.push(`${message.idempotencyKey}#${message.attempts}`);
    if (this.hold(message)) await new Promise(() => undefined);
    await this.outbox.complete(message.id);
    return 'done';
  }
}

describe('QueueRuntime (BullMQ on the local Redis)', function () {
  this.timeout(60_000);
  const prefixes: string[] = [];
  const runtimes: QueueRuntime[] = [];
  after(async () => {
    for (const prefix of prefixes) await deleteKeys(prefix);
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.stop(1_000)));
  });

  const runtime = (outbox: InMemoryOutbox, dispatcher: RecordingDispatcher, prefix: string, extra: { work?: boolean; lockDurationMs?: number; redisUrl?: string } = {}) => {
    const queues = new QueueRuntime({
      config: { redisUrl: extra.redisUrl ?? TEST_REDIS_URL, prefix, work: extra.work ?? true, lockDurationMs: extra.lockDurationMs ?? 30_000, stalledIntervalMs: 1_000 },
      outbox, dispatcher: () => dispatcher, clock, logger: silent, record: () => undefined, concurrency: 4,
    });
    runtimes.push(queues);
    return queues;
  };
  const fresh = (label: string) => {
    const prefix = uniquePrefix(label);
    prefixes.push(prefix);
    return prefix;
  };

  it('relays due outbox rows to the queue and runs each once across two instances', async () => {
    const outbox = new InMemoryOutbox(new InMemoryDatabase());
    const dispatcher = new RecordingDispatcher(outbox);
    const prefix = fresh('relay');
    const [a, b] = [runtime(outbox, dispatcher, prefix), runtime(outbox, dispatcher, prefix)];
    a.start();
    b.start();
    await outbox.enqueue(Array.from({ length: 40 }, (_, i) => ({ topic: 'test.effect', payload: { i }, idempotencyKey: `k${i}` })));
    a.kick();
    await until(async () => (await outbox.depth()) === 0, 'the outbox to drain');
    expect(dispatcher.runs).to.have.length(40);
    expect(new Set(dispatcher.runs).size).to.equal(40);
    expect(dispatcher.runs.every((r) => r.endsWith('#1'))).to.equal(true);
  });

  it('relays but runs nothing where MUSTER_WORK_QUEUES is off', async () => {
    const outbox = new InMemoryOutbox(new InMemoryDatabase());
    const dispatcher = new RecordingDispatcher(outbox);
    const prefix = fresh('nowork');
    const relayOnly = runtime(outbox, dispatcher, prefix, { work: false });
    relayOnly.start();
    await outbox.enqueue([{ topic: 'test.effect', payload: {}, idempotencyKey: 'only' }]);
    relayOnly.kick();
    const queue = new Queue('outbox', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    try {
      await until(async () => (await queue.getJobCounts('waiting')).waiting === 1, 'the job to be queued');
      expect(dispatcher.runs).to.deep.equal([]);
      expect(await outbox.depth()).to.equal(1);
      // A worker elsewhere (here: a second instance that works the queues) takes it.
      runtime(outbox, dispatcher, prefix).start();
      await until(async () => (await outbox.depth()) === 0, 'the worker to run it');
      expect(dispatcher.runs).to.deep.equal(['only#1']);
    } finally {
      await queue.close();
    }
  });

  it('hands the job of a worker that died to another, which renews the same claim and runs it', async () => {
    const outbox = new InMemoryOutbox(new InMemoryDatabase());
    const dying = new RecordingDispatcher(outbox);
    dying.hold = () => true;
    const prefix = fresh('stalled');
    // Short locks: the dead worker's hold on the job runs out within a second or two.
    const first = runtime(outbox, dying, prefix, { lockDurationMs: 1_000 });
    first.start();
    await outbox.enqueue([{ topic: 'test.effect', payload: {}, idempotencyKey: 'in-flight' }]);
    first.kick();
    await until(() => dying.runs.length === 1, 'the first worker to take the job');
    // What SIGKILL leaves: the job active in Redis with nobody renewing its lock.
    await first.stop(0);
    const survivor = new RecordingDispatcher(outbox);
    runtime(outbox, survivor, prefix, { lockDurationMs: 1_000 }).start();
    await until(async () => (await outbox.depth()) === 0, 'the survivor to finish the job', 30_000);
    expect(survivor.runs, 'same claim, attempt 1, run once more').to.deep.equal(['in-flight#1']);
  });

  it('on stop takes no new job and lets the active one finish first', async () => {
    const outbox = new InMemoryOutbox(new InMemoryDatabase());
    const dispatcher = new RecordingDispatcher(outbox);
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => { release = resolve; });
    const slow = { async process(message: OutboxMessage): Promise<OutboxOutcome> {
      dispatcher.runs.push(message.idempotencyKey);
      await released;
      await outbox.complete(message.id);
      return 'done';
    } };
    const prefix = fresh('graceful');
    const queues = runtime(outbox, slow as unknown as RecordingDispatcher, prefix);
    queues.start();
    await outbox.enqueue([{ topic: 'test.effect', payload: {}, idempotencyKey: 'active' }]);
    queues.kick();
    await until(() => dispatcher.runs.length === 1, 'the job to start');
    const stopped = queues.stop(10_000);
    await outbox.enqueue([{ topic: 'test.effect', payload: {}, idempotencyKey: 'after-stop' }]);
    release();
    await stopped;
    expect(await outbox.depth(), 'the active job finished; the new one waits for another instance').to.equal(1);
    expect(dispatcher.runs).to.deep.equal(['active']);
  });

  it('drops a job whose row was claimed again since, or finished', async () => {
    const outbox = new InMemoryOutbox(new InMemoryDatabase());
    const dispatcher = new RecordingDispatcher(outbox);
    await outbox.enqueue([{ topic: 'test.effect', payload: {}, idempotencyKey: 'twice' }]);
    const [first] = await outbox.claimDue(new Date(Date.now() + 1), 1, 0);
    const [second] = await outbox.claimDue(new Date(Date.now() + 2), 1, 0);
    const deps = { outbox, dispatcher, clock, record: () => undefined };
    expect(await runOutboxJob(toJobData(first!), deps)).to.equal('stale');
    expect(dispatcher.runs).to.deep.equal([]);
    expect(await runOutboxJob(toJobData(second!), deps)).to.equal('done');
    expect(await runOutboxJob(toJobData(second!), deps), 'a redelivery after it was done').to.equal('stale');
    expect(dispatcher.runs).to.deep.equal(['twice#2']);
  });

  it('says Redis cannot be reached, naming host and port but never the password', async () => {
    const outbox = new InMemoryOutbox(new InMemoryDatabase());
    const down = runtime(outbox, new RecordingDispatcher(outbox), fresh('down'), { redisUrl: 'redis://:hunter2-secret@127.0.0.1:1' });
    down.start();
    const health = await down.health();
    expect(health.ok).to.equal(false);
    expect(health.detail).to.contain('redis://127.0.0.1:1').and.not.contain('hunter2');
    expect(await down.counts()).to.equal(undefined);
    const up = runtime(outbox, new RecordingDispatcher(outbox), fresh('up'));
    up.start();
    await until(async () => (await up.health()).ok, 'the probe to connect');
    expect(await up.counts()).to.include({ waiting: 0, active: 0 });
  });
});
