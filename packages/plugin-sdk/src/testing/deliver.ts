import type { AlertSignal, AlertSource, Verification, WebhookRequest } from '../capabilities/alert-source';
import { PayloadError } from '../errors';
import type { SeverityLevels } from '../severity';
import { parseOrPayloadError } from './parse-outcome';
import { assertWellFormedSignals } from './well-formed-signals';
import { webhookRequest, type WebhookRequestInit } from './webhook-request';

export interface Delivery {
  /** What `verify` said; when it refused, `parse` was not called (the host answers 401 and stores nothing). */
  readonly verification: Verification;
  /** What `parse` returned; empty when refused or when the payload was malformed. */
  readonly signals: readonly AlertSignal[];
  /** The `PayloadError` `parse` threw (the host answers 400 with its reason). */
  readonly payloadError?: PayloadError;
}

/**
 * A webhook delivered to an alert source as the host does it: `verify`, and only when it accepts,
 * `parse`. Anything `parse` throws other than `PayloadError`, and any signal breaking the
 * `AlertSignal` contract (`assertWellFormedSignals`: an empty group key, a severity the installation
 * lacks), fails the test: the host would answer 500 or refuse the signal.
 */
export async function deliver(source: AlertSource, init: WebhookRequestInit | WebhookRequest, options: { readonly severities?: SeverityLevels } = {}): Promise<Delivery> {
  const request = webhookRequest(init);
  const verification = await source.verify(request);
  if (!verification.ok) return { verification, signals: [] };
  const outcome = parseOrPayloadError(source, request);
  if (outcome instanceof PayloadError) return { verification, signals: [], payloadError: outcome };
  assertWellFormedSignals(outcome, options);
  return { verification, signals: outcome };
}
