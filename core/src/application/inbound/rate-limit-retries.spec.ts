import { expect } from 'chai';
import { MusterError, RateLimitedError } from '../../errors';
import { withRateLimitRetries } from './rate-limit-retries';

describe('withRateLimitRetries', () => {
  it('tries again after the Retry-After the platform asked for, since a 429 did nothing', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRateLimitRetries(async () => {
      calls++;
      if (calls === 1) throw new RateLimitedError(1200, 'Slack chat.postMessage');
      return 'posted';
    }, async (ms) => { waits.push(ms); });
    expect([result, calls, waits]).to.deep.equal(['posted', 2, [1200]]);
  });

  it('does not repeat a failure that may have been done (a timeout) or a wait too long to hold', async () => {
    for (const failure of [new MusterError('unavailable', 'timeout'), new RateLimitedError(60_000, 'Slack views.open')]) {
      let calls = 0;
      const outcome = await withRateLimitRetries(async () => { calls++; throw failure; }, async () => undefined).catch((e: unknown) => e);
      expect([outcome, calls]).to.deep.equal([failure, 1]);
    }
  });
});
