import { expect } from 'chai';
import type { Logger, OutboxDispatcher, OutboxMessage, OutboxOutcome } from '@muster/core';
import { ServerMetrics } from '../metrics/server-metrics';
import { OutboxPump, POOL_SIZE } from './outbox-pump';

/**
 * A dispatcher over a queue of due messages; the pump's scheduling is what is under test. A message
 * named `stuck…` stays in flight until released (what a hung handler does until its time limit).
 */
class QueueDispatcher {
  readonly due: OutboxMessage[] = [];
  readonly claims: number[] = [];
  readonly done: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly held = new Map<string, () => void>();

  add(...ids: string[]): void {
    for (const id of ids) this.due.push({ id, topic: 'test', payload: {}, idempotencyKey: id, attempts: 1, availableAt: new Date(0), createdAt: new Date(0) });
  }
  async claim(limit: number): Promise<OutboxMessage[]> {
    this.claims.push(limit);
    return this.due.splice(0, limit);
  }
  async process(message: OutboxMessage): Promise<OutboxOutcome> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (message.id.startsWith('stuck')) await new Promise<void>((resolve) => this.held.set(message.id, resolve));
    else await new Promise((r) => setImmediate(r));
    this.inFlight--;
    this.done.push(message.id);
    return 'done';
  }
  release(id: string): void {
    this.held.get(id)?.();
  }
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('OutboxPump', () => {
  const pumpWith = (dispatcher: QueueDispatcher) => new OutboxPump(dispatcher as unknown as OutboxDispatcher, new ServerMetrics(), silent);

  it('holds background work while requests are being answered, and runs it when they are done', async () => {
    const dispatcher = new QueueDispatcher();
    dispatcher.add('a');
    const pump = pumpWith(dispatcher);
    let busy = true;
    pump.yieldWhile(() => busy);
    pump.kick();
    await new Promise((r) => setTimeout(r, 20));
    expect(dispatcher.claims, 'no claim beside in-flight requests').to.have.length(0);
    busy = false;
    await until(() => dispatcher.done.length === 1, 'the message to run');
    expect(dispatcher.claims[0], 'background refills take small batches').to.equal(POOL_SIZE);
    await pump.stop();
  });

  it('does not let a steady stream of requests starve the outbox', async () => {
    const dispatcher = new QueueDispatcher();
    dispatcher.add('a');
    const pump = pumpWith(dispatcher);
    pump.yieldWhile(() => true);
    pump.kick();
    await until(() => dispatcher.done.length === 1, 'the message to run');
    await pump.stop();
  });

  it('keeps working the other due messages while one is stuck, never more than the pool at once', async () => {
    const dispatcher = new QueueDispatcher();
    const others = Array.from({ length: 3 * POOL_SIZE }, (_, i) => `m${i}`);
    dispatcher.add('stuck', ...others);
    const pump = pumpWith(dispatcher);
    pump.kick();
    await until(() => dispatcher.done.length === others.length, 'every other message to finish');
    expect(dispatcher.done).to.have.members(others);
    expect(dispatcher.inFlight, 'the stuck one is still in flight').to.equal(1);
    expect(dispatcher.maxInFlight).to.equal(POOL_SIZE);
    expect(dispatcher.claims.length, 'refilled as slots freed, without waiting for the timer').to.be.greaterThan(3);
    dispatcher.release('stuck');
    await until(() => dispatcher.inFlight === 0, 'the stuck one to finish');
    await pump.stop();
  });

  it('drains until idle for the console and at shutdown, whatever the requests, waiting for what is in flight', async () => {
    const dispatcher = new QueueDispatcher();
    dispatcher.add('stuck-1', 'a', 'b');
    const pump = pumpWith(dispatcher);
    pump.yieldWhile(() => true);
    const drained = pump.drainUntilIdle();
    await until(() => dispatcher.done.length === 2, 'a and b');
    let finished = false;
    void drained.then(() => { finished = true; });
    await new Promise((r) => setTimeout(r, 20));
    expect(finished, 'still waiting for the stuck message').to.equal(false);
    dispatcher.release('stuck-1');
    await drained;
    expect(dispatcher.done).to.have.members(['a', 'b', 'stuck-1']);
  });

  it('gives up waiting for a stuck message at its deadline', async () => {
    const dispatcher = new QueueDispatcher();
    dispatcher.add('stuck-forever', 'a');
    const pump = pumpWith(dispatcher);
    await pump.drainUntilIdle(100);
    expect(dispatcher.done).to.deep.equal(['a']);
    dispatcher.release('stuck-forever');
  });

  it('starts nothing in the background once stopped', async () => {
    const dispatcher = new QueueDispatcher();
    const pump = pumpWith(dispatcher);
    await pump.stop();
    dispatcher.add('late');
    pump.kick();
    pump.start(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(dispatcher.claims).to.deep.equal([]);
    await pump.drainUntilIdle();
    expect(dispatcher.done, 'the last drain at shutdown still runs it').to.deep.equal(['late']);
  });
});
