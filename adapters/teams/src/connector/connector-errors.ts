import type { MusterError, MusterErrorCode } from '@muster/core';
import type { JsonAnswer } from './json-http';
import { remoteErrorOf, retryAfterMs, TeamsApiError, TeamsThrottledError } from './teams-api-error';

/** Teams asks bots to back off on these (Microsoft's "handle rate limits" guidance). */
const THROTTLING = new Set([412, 429, 502, 504]);
/** Without a Retry-After, wait this long: long enough for Teams' per-second windows to pass. */
const DEFAULT_BACKOFF_MS: Record<number, number> = { 412: 3000, 429: 3000, 502: 10_000, 504: 10_000 };

/**
 * A Bot Connector answer that is not 2xx, as a MusterError. Throttling becomes TeamsThrottledError
 * (a RateLimitedError, so the outbox waits what Teams asked); nothing here retries by itself.
 */
export function connectorError(operation: string, answer: JsonAnswer): MusterError {
  const { status } = answer;
  if (THROTTLING.has(status)) {
    const delay = retryAfterMs(answer.headers.get('retry-after')) ?? DEFAULT_BACKOFF_MS[status] ?? 3000;
    return new TeamsThrottledError(delay, 'Bot Connector', operation, status, status === 502 || status === 504);
  }
  const remote = remoteErrorOf(answer.body);
  const tail = `(HTTP ${status}${remote.code ? ` ${remote.code}` : ''} from the Bot Connector, ${operation})`;
  const make = (code: MusterErrorCode, message: string, ambiguous = false) =>
    new TeamsApiError(code, `${message} ${tail}`, 'Bot Connector', operation, status, remote.code, ambiguous, { details: remote.message ? { remoteMessage: remote.message } : {} });
  if (status === 401) return make('unavailable', 'The Bot Connector refused Muster\'s credentials: check MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID.');
  if (status === 403) return make('not_permitted', 'Teams does not let Muster post there: the app may have been removed from that team or chat, or blocked by the user.');
  if (status === 404) return make('not_found', 'Teams could not find that conversation or message; it may have been deleted.');
  if (status === 400 || status === 413) return make('internal', 'Teams refused the message Muster sent.');
  if (status === 503) return make('unavailable', 'Teams is unavailable right now; it will be retried.');
  if (status >= 500) return make('unavailable', 'Teams had a problem; it will be retried.', true);
  return make('unavailable', 'Teams refused the request.');
}
