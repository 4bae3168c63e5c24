import { isMusterError, RateLimitedError } from '@muster/core';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';
import { expect } from 'chai';
import { isAmbiguousFailure, redactTokens, SlackApiError, translateSlackError } from './slack-errors';

const platform = (error: string, extra: Record<string, unknown> = {}) => new WebAPIPlatformError({ ok: false, error, ...extra });
const connectionError = (code: string) => new WebAPIRequestError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) }));

describe('translateSlackError', () => {
  it('maps Slack codes to Muster codes with a message naming the Slack code', () => {
    const cases: [string, string][] = [
      ['channel_not_found', 'not_found'],
      ['not_in_channel', 'not_permitted'],
      ['is_archived', 'invalid_state'],
      ['invalid_auth', 'unavailable'],
      ['token_revoked', 'unavailable'],
      ['expired_trigger_id', 'invalid_state'],
      ['invalid_blocks', 'internal'],
      ['something_new', 'unavailable'],
    ];
    for (const [slack, muster] of cases) {
      const error = translateSlackError(platform(slack), 'chat.postMessage');
      expect(isMusterError(error, muster as never), slack).to.equal(true);
      expect(error.message, slack).to.include(slack);
    }
    expect(translateSlackError(platform('token_revoked'), 'pins.add').message).to.include('reinstalled');
  });

  it('names the scope a missing_scope error needs', () => {
    const error = translateSlackError(platform('missing_scope', { needed: 'bookmarks:write' }), 'bookmarks.add');
    expect(error.code).to.equal('configuration');
    expect(error.message).to.include('bookmarks:write');
  });

  it('turns a 429 into RateLimitedError with Retry-After in milliseconds', () => {
    const error = translateSlackError(new WebAPIRateLimitedError(12), 'chat.postMessage');
    expect(error).to.be.instanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).to.equal(12_000);
  });

  it('calls a 5xx, a timeout or a reset ambiguous, and a refused connection not', () => {
    expect(isAmbiguousFailure(translateSlackError(new WebAPIHTTPError(503, 'Service Unavailable', {}), 'chat.postMessage'))).to.equal(true);
    expect(isAmbiguousFailure(translateSlackError(new WebAPIRequestError(new DOMException('timed out', 'TimeoutError')), 'chat.postMessage'))).to.equal(true);
    expect(isAmbiguousFailure(translateSlackError(connectionError('ECONNRESET'), 'chat.postMessage'))).to.equal(true);
    expect(isAmbiguousFailure(translateSlackError(connectionError('ECONNREFUSED'), 'chat.postMessage'))).to.equal(false);
    expect(isAmbiguousFailure(translateSlackError(platform('channel_not_found'), 'chat.postMessage'))).to.equal(false);
    expect(isAmbiguousFailure(translateSlackError(platform('internal_error'), 'chat.postMessage'))).to.equal(true);
  });

  it('never echoes a token or a strange code into a message', () => {
    expect(redactTokens('failed for xoxb-123-456-abcDEF and xapp-1-A1-2')).not.to.match(/xoxb-123|xapp-1-A1/);
    const error = translateSlackError(platform('<script>xoxb-1-2'), 'chat.update');
    expect(error.message).to.include('unknown_error');
    expect(error.message).not.to.include('xoxb');
    expect(error).to.be.instanceOf(SlackApiError);
  });
});
