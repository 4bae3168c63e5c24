import { RateLimitedError } from '@muster/core';
import { expect } from 'chai';
import { connectorError } from './connector-errors';
import type { JsonAnswer } from './json-http';
import { redactSecrets, retryAfterMs, TeamsApiError, TeamsThrottledError } from './teams-api-error';

const answer = (status: number, body?: unknown, headers: Record<string, string> = {}): JsonAnswer => ({ status, headers: new Headers(headers), body });

describe('Bot Connector errors', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores what is neither', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('7', now)).to.equal(7000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).to.equal(30_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now), 'a date in the past is now').to.equal(0);
    expect(retryAfterMs('soon', now)).to.equal(undefined);
    expect(retryAfterMs('-3', now)).to.equal(undefined);
    expect(retryAfterMs('99999999999', now), 'capped at a day').to.equal(86_400_000);
    expect(retryAfterMs(null, now)).to.equal(undefined);
  });

  it('turns 429, 412, 502 and 504 into a rate limit; 502 and 504 may have been done', () => {
    const limited = connectorError('send message', answer(429, undefined, { 'retry-after': '9' }));
    expect(limited).to.be.instanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).to.equal(9000);
    expect((limited as TeamsThrottledError).ambiguous).to.equal(false);
    expect((connectorError('send message', answer(412)) as RateLimitedError).retryAfterMs).to.be.greaterThan(0);
    expect((connectorError('send message', answer(502)) as TeamsThrottledError).ambiguous).to.equal(true);
    expect((connectorError('send message', answer(504)) as TeamsThrottledError).ambiguous).to.equal(true);
  });

  it('maps the rest to MusterError kinds that say what to do, with only a safe remote code', () => {
    expect(connectorError('x', answer(401)).code).to.equal('unavailable');
    expect(connectorError('x', answer(403, { error: { code: 'BotNotInConversationRoster', message: 'no' } })).message).to.include('BotNotInConversationRoster');
    expect(connectorError('x', answer(404)).code).to.equal('not_found');
    expect(connectorError('x', answer(400)).code).to.equal('internal');
    const odd = connectorError('x', answer(404, { error: { code: '<script>alert(1)</script>', message: 'm' } }));
    expect(odd.message).not.to.include('<script>');
    expect((connectorError('x', answer(500)) as TeamsApiError).ambiguous).to.equal(true);
    expect((connectorError('x', answer(503)) as TeamsApiError).ambiguous).to.equal(false);
  });

  it('never keeps a token a service echoes back', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJl';
    const error = connectorError('x', answer(401, { error: { code: 'Unauthorized', message: `Bearer ${jwt} is not valid; token ${jwt}` } }));
    expect(JSON.stringify({ m: error.message, d: error.details })).not.to.include(jwt);
    expect(redactSecrets(`Authorization: Bearer abc.def-ghi`)).to.equal('Authorization: Bearer …redacted');
  });
});
