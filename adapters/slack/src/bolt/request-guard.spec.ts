import { expect } from 'chai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rejectFutureTimestamps } from './request-guard';

function exchange(headers: Record<string, string>, method = 'POST') {
  const answered: { status?: number } = {};
  const req = { method, headers, resume: () => undefined } as unknown as IncomingMessage;
  const res = { writeHead: (status: number) => { answered.status = status; }, end: () => undefined } as unknown as ServerResponse;
  let passedOn = false;
  rejectFutureTimestamps(() => { passedOn = true; }, () => 1_700_000_000_000)(req, res);
  return { passedOn, status: answered.status };
}

describe('rejectFutureTimestamps', () => {
  it('answers 401 to a request stamped more than five minutes ahead (Bolt only checks the past)', () => {
    expect(exchange({ 'x-slack-request-timestamp': String(1_700_000_000 + 301) })).to.deep.equal({ passedOn: false, status: 401 });
  });

  it('passes on requests within five minutes, old ones and malformed ones, which Bolt itself refuses', () => {
    for (const ts of [1_700_000_000 + 300, 1_700_000_000 - 10_000, 'soon']) {
      expect(exchange({ 'x-slack-request-timestamp': String(ts) }).passedOn).to.equal(true);
    }
    expect(exchange({}).passedOn).to.equal(true);
  });
});
