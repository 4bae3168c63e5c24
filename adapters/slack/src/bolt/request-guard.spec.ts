import { expect } from 'chai';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rejectFutureTimestamps } from './request-guard';

const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;

function exchange(headers: Record<string, string>, method = 'POST') {
  const answered: { status?: number } = {};
  const req = { method, headers, resume: () => undefined } as unknown as IncomingMessage;
  const res = { writeHead: (status: number) => { answered.status = status; }, end: () => undefined } as unknown as ServerResponse;
  let passedOn = false;
  rejectFutureTimestamps(() => { passedOn = true; }, () => NOW_MS)(req, res);
  return { passedOn, status: answered.status };
}

describe('rejectFutureTimestamps', () => {
  it('answers 401 to a request stamped more than five minutes ahead or behind (Bolt only checks the past)', () => {
    for (const ts of [NOW_S + 301, NOW_S - 301]) {
      expect(exchange({ 'x-slack-request-timestamp': String(ts) }), String(ts)).to.deep.equal({ passedOn: false, status: 401 });
    }
  });

  it('answers 401 to a milliseconds or fractional timestamp, which Bolt would take as fresh', () => {
    for (const ts of [String(NOW_MS), String(NOW_MS + 1), `${NOW_S}.5`, `${NOW_S}.0`, `+${NOW_S}`, `0${NOW_S}`, `${NOW_S}e0`, ` ${NOW_S}`, '-1', '0', 'soon', '']) {
      expect(exchange({ 'x-slack-request-timestamp': ts }), JSON.stringify(ts)).to.deep.equal({ passedOn: false, status: 401 });
    }
    expect(exchange({})).to.deep.equal({ passedOn: false, status: 401 });
  });

  it('passes on integer seconds within five minutes either way', () => {
    for (const ts of [NOW_S, NOW_S + 300, NOW_S - 300]) {
      expect(exchange({ 'x-slack-request-timestamp': String(ts) }).passedOn, String(ts)).to.equal(true);
    }
  });

  it('leaves unsigned GETs (the OAuth install pages) alone', () => {
    expect(exchange({}, 'GET').passedOn).to.equal(true);
  });
});
