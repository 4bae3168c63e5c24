import { RateLimitedError } from '@muster/core';
import { expect } from 'chai';
import { ConversationPacer, type PacerClock } from './conversation-pacer';

/** A clock whose sleeps complete at once but move time forward, so each acquire's wait is visible. */
class SteppingClock implements PacerClock {
  time = 0;
  readonly waits: number[] = [];
  now(): number { return this.time; }
  async sleep(ms: number): Promise<void> { this.waits.push(ms); this.time += ms; }
}

describe('ConversationPacer: Teams limits per conversation', () => {
  it('lets 7 through at once, then holds the 8th past the second and the 9th past two seconds', async () => {
    const clock = new SteppingClock();
    const pacer = new ConversationPacer({ clock, marginMs: 0, maxWaitMs: 60_000 });
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      await pacer.acquire('c1');
      times.push(clock.time);
    }
    expect(times.slice(0, 7)).to.deep.equal([0, 0, 0, 0, 0, 0, 0]);
    expect(times[7]).to.equal(1000);
    expect(times[8]).to.equal(2000);
  });

  it('never lets more than 60 through in 30 seconds', async () => {
    const clock = new SteppingClock();
    const pacer = new ConversationPacer({ clock, marginMs: 0, maxWaitMs: 60_000 });
    const times: number[] = [];
    for (let i = 0; i < 61; i++) {
      await pacer.acquire('c1');
      times.push(clock.time);
    }
    const inFirstWindow = times.filter((t) => t < 30_000).length;
    expect(inFirstWindow).to.be.at.most(60);
    expect(times[60]).to.be.at.least(30_000);
  });

  it('keeps conversations apart', async () => {
    const clock = new SteppingClock();
    const pacer = new ConversationPacer({ clock, marginMs: 0 });
    for (let i = 0; i < 7; i++) await pacer.acquire('busy');
    await pacer.acquire('quiet');
    expect(clock.waits).to.deep.equal([]);
  });

  it('refuses a slot further away than maxWaitMs with the delay, and does not take it', async () => {
    const clock = new SteppingClock();
    const pacer = new ConversationPacer({ clock, marginMs: 0, maxWaitMs: 500 });
    for (let i = 0; i < 7; i++) await pacer.acquire('c1');
    let refused: unknown;
    try {
      await pacer.acquire('c1');
    } catch (error) {
      refused = error;
    }
    expect(refused).to.be.instanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterMs).to.equal(1000);
    clock.time = 1000;
    await pacer.acquire('c1');
    expect(clock.waits, 'the refused slot was not kept').to.deep.equal([]);
  });
});
