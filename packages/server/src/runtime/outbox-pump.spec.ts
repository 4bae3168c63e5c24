import { expect } from 'chai';
import type { DrainResult, Logger, OutboxDispatcher } from '@muster/core';
import { ServerMetrics } from '../metrics/server-metrics';
import { OutboxPump } from './outbox-pump';

/** A dispatcher that counts drains; the pump's scheduling is what is under test. */
class CountingDispatcher {
  drains: (number | undefined)[] = [];
  async drain(limit?: number): Promise<DrainResult> {
    this.drains.push(limit);
    return { done: 0, retried: 0, dead: 0 };
  }
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('OutboxPump', () => {
  const pumpWith = (dispatcher: CountingDispatcher) => new OutboxPump(dispatcher as unknown as OutboxDispatcher, new ServerMetrics(new Date()), silent);

  it('holds background work while requests are being answered, and runs it when they are done', async () => {
    const dispatcher = new CountingDispatcher();
    const pump = pumpWith(dispatcher);
    let busy = true;
    pump.yieldWhile(() => busy);
    pump.kick();
    await new Promise((r) => setTimeout(r, 20));
    expect(dispatcher.drains, 'no drain beside in-flight requests').to.have.length(0);
    busy = false;
    await until(() => dispatcher.drains.length > 0);
    expect(dispatcher.drains).to.have.length(1);
    expect(dispatcher.drains[0], 'background drains take small batches').to.be.a('number').below(32);
    await pump.stop();
  });

  it('does not let a steady stream of requests starve the outbox', async () => {
    const dispatcher = new CountingDispatcher();
    const pump = pumpWith(dispatcher);
    pump.yieldWhile(() => true);
    pump.kick();
    await until(() => dispatcher.drains.length > 0);
    expect(dispatcher.drains).to.have.length(1);
    await pump.stop();
  });

  it('drains until idle for the console and at shutdown, whatever the requests', async () => {
    const dispatcher = new CountingDispatcher();
    const pump = pumpWith(dispatcher);
    pump.yieldWhile(() => true);
    await pump.drainUntilIdle();
    expect(dispatcher.drains).to.deep.equal([undefined]);
  });
});
