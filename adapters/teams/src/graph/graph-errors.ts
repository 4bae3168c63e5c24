import type { MusterError, MusterErrorCode } from '@muster/core';
import type { JsonAnswer } from '../connector/json-http';
import { remoteErrorOf, retryAfterMs, TeamsApiError, TeamsThrottledError } from '../connector/teams-api-error';

const DEFAULT_BACKOFF_MS = 10_000;

/**
 * A Microsoft Graph answer that is not 2xx, as a MusterError. Graph throttles with 429 (and 503/504
 * under load) carrying Retry-After: those become TeamsThrottledError so the outbox waits as asked.
 */
export function graphError(operation: string, answer: JsonAnswer): MusterError {
  const { status } = answer;
  const retryAfter = retryAfterMs(answer.headers.get('retry-after'));
  if (status === 429 || ((status === 503 || status === 504) && retryAfter !== undefined)) {
    return new TeamsThrottledError(retryAfter ?? DEFAULT_BACKOFF_MS, 'Microsoft Graph', operation, status, status === 504);
  }
  const remote = remoteErrorOf(answer.body);
  const tail = `(HTTP ${status}${remote.code ? ` ${remote.code}` : ''} from Microsoft Graph, ${operation})`;
  const make = (code: MusterErrorCode, message: string, ambiguous = false, reason?: GraphConflict) =>
    new TeamsApiError(code, `${message} ${tail}`, 'Microsoft Graph', operation, status, remote.code, ambiguous, { details: { ...(remote.message ? { remoteMessage: remote.message } : {}), ...(reason ? { reason } : {}) } });
  if (isChannelLimit(status, remote.code, remote.message)) return make('conflict', 'The incidents team has reached the most channels Teams allows (deleted ones count for 30 days).', false, 'channel_limit');
  if (isNameClash(status, remote.code, remote.message)) return make('conflict', 'A channel with that name already exists.', false, 'name_taken');
  if (status === 401) return make('unavailable', 'Microsoft Graph refused Muster\'s token: check the app registration and its secret.');
  if (status === 403) return make('not_permitted', 'Muster\'s app lacks a Graph permission for this (an admin grants it in Entra, see the Teams README).');
  if (status === 404) return make('not_found', 'Microsoft Graph could not find that team, channel, chat or user.');
  if (status === 409) return make('conflict', 'Microsoft Graph reports a conflict.');
  if (status >= 400 && status < 500) return make('internal', 'Microsoft Graph refused the request Muster sent.');
  return make('unavailable', 'Microsoft Graph had a problem; it will be retried.', status !== 503);
}

/** Teams answers 403 "This team has exceeded the Max allowed channels" (older: ResourceLimitExceeded). */
function isChannelLimit(status: number, code: string | undefined, message: string | undefined): boolean {
  return (code?.toLowerCase() === 'resourcelimitexceeded') || (status === 403 && /max(imum)? (allowed |number of )?channels/i.test(message ?? ''));
}

function isNameClash(status: number, code: string | undefined, message: string | undefined): boolean {
  return code?.toLowerCase() === 'namealreadyexists' || ((status === 400 || status === 409) && /name already exist/i.test(message ?? ''));
}

type GraphConflict = 'channel_limit' | 'name_taken';

/** Whether a Graph call failed for this reason (the channel limit, a taken name). */
export const isGraphConflict = (error: unknown, reason: GraphConflict): boolean =>
  error instanceof TeamsApiError && error.service === 'Microsoft Graph' && error.details.reason === reason;
