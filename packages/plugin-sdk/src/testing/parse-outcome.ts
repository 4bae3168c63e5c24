import { AssertionError } from 'node:assert';
import type { AlertSignal, AlertSource, WebhookRequest } from '../capabilities/alert-source';
import { PayloadError } from '../errors';
import { assertWellFormedSignals, type SignalCheckContext } from './well-formed-signals';
import { webhookRequest, type WebhookRequestInit } from './webhook-request';

/** The host answers a PayloadError with a 400 carrying its reason: long enough to act on, short enough for a log line. */
const REASON_MAX = 300;

/**
 * `parse` as the host calls it (after `verify`), for tests that feed it any input: the signals, or the
 * `PayloadError` it threw, whose reason must say something in at most 300 characters. Anything else
 * thrown fails the test (the host would answer 500). With `ctx`, the signals must also be well-formed
 * (`assertWellFormedSignals`).
 */
export function parseOrPayloadError(source: Pick<AlertSource, 'parse'>, init: WebhookRequestInit | WebhookRequest, ctx?: SignalCheckContext): readonly AlertSignal[] | PayloadError {
  // A WebhookRequest is a complete init: rebuilding it from its raw bytes gives the same request.
  const request = webhookRequest(init);
  let signals: readonly AlertSignal[];
  try {
    signals = source.parse(request);
  } catch (error) {
    if (!(error instanceof PayloadError)) {
      throw new AssertionError({ message: `parse threw ${error instanceof Error ? error.name : typeof error} instead of PayloadError: the host would answer 500 (${String(error).slice(0, 200)})`, stackStartFn: parseOrPayloadError });
    }
    if (typeof error.reason !== 'string' || error.reason.length === 0 || error.reason.length > REASON_MAX) {
      throw new AssertionError({ message: `a PayloadError's reason must be 1 to ${REASON_MAX} characters (it has ${String(error.reason).length})`, stackStartFn: parseOrPayloadError });
    }
    return error;
  }
  if (ctx) assertWellFormedSignals(signals, ctx);
  return signals;
}

/** The `PayloadError` `parse` throws for `init`, to assert on its reason; fails when parse accepts it or throws anything else. */
export function payloadErrorOf(source: Pick<AlertSource, 'parse'>, init: WebhookRequestInit | WebhookRequest): PayloadError {
  const outcome = parseOrPayloadError(source, init);
  if (outcome instanceof PayloadError) return outcome;
  throw new AssertionError({ message: `parse accepted the payload (${outcome.length} signal${outcome.length === 1 ? '' : 's'}) instead of throwing a PayloadError`, stackStartFn: payloadErrorOf });
}
