import { z } from 'zod';
import type { AlertSignal, AlertSource, Verification, WebhookRequest } from '../capabilities/alert-source';
import { PayloadError } from '../errors';
import { fieldPath } from '../webhooks/read-payload';
import { webhookRequest, type WebhookRequestInit } from './webhook-request';

export interface Delivery {
  /** What `verify` said; when it refused, `parse` was not called (the host answers 401 and stores nothing). */
  readonly verification: Verification;
  /** What `parse` returned; empty when refused or when the payload was malformed. */
  readonly signals: readonly AlertSignal[];
  /** The `PayloadError` `parse` threw (the host answers 400 with its reason). */
  readonly payloadError?: PayloadError;
}

const text = z.string().trim().min(1);
const Signal = z.object({
  status: z.enum(['firing', 'resolved']),
  groupKey: text,
  deliveryId: text,
  title: text,
  summary: z.string().optional(),
  severity: z.string().optional(),
  services: z.array(text).optional(),
  url: z.string().optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  alerts: z.array(z.object({ id: text, status: z.enum(['firing', 'resolved']), title: z.string().optional(), url: z.string().optional() })).optional(),
});

/**
 * A webhook delivered to an alert source as the host does it: `verify`, and only when it accepts,
 * `parse`. Anything `parse` throws other than `PayloadError`, and any signal breaking the
 * `AlertSignal` contract (an empty group key, a severity the installation lacks), fails the test:
 * the host would answer 500 or refuse the signal.
 */
export async function deliver(source: AlertSource, init: WebhookRequestInit | WebhookRequest, options: { readonly severities?: readonly { readonly id: string }[] } = {}): Promise<Delivery> {
  // A WebhookRequest is a complete init: rebuilding it from its raw bytes gives the same request.
  const request = webhookRequest(init);
  const verification = await source.verify(request);
  if (!verification.ok) return { verification, signals: [] };
  let signals: readonly AlertSignal[];
  try {
    signals = source.parse(request);
  } catch (error) {
    if (error instanceof PayloadError) return { verification, signals: [], payloadError: error };
    throw new Error(`parse threw ${error instanceof Error ? error.name : typeof error} instead of PayloadError: the host would answer 500`, { cause: error });
  }
  if (!Array.isArray(signals)) throw new Error('parse must return an array of signals');
  signals.forEach((signal, i) => checkSignal(signal, i, options.severities));
  return { verification, signals };
}

function checkSignal(signal: AlertSignal, index: number, severities: readonly { readonly id: string }[] | undefined): void {
  const checked = Signal.safeParse(signal);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new Error(`signals[${index}] breaks the AlertSignal contract: ${fieldPath(issue.path)} ${issue.message}`);
  }
  if (signal.severity !== undefined && severities && !severities.some((s) => s.id === signal.severity)) {
    throw new Error(`signals[${index}].severity "${signal.severity}" is not a severity of the installation (${severities.map((s) => s.id).join(', ')})`);
  }
}
