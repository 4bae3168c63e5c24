import { AssertionError } from 'node:assert';
import type { ActivatedPlugin } from './plugin-test-host';
import { assertNoSecretIn } from './assert-no-secret';
import type { Delivery } from './deliver';
import type { WebhookRequestInit } from './webhook-request';

export interface DeliveryExpectations {
  /** Documented payloads with credentials the installation accepts, delivered in this order. */
  readonly accepted: readonly WebhookRequestInit[];
  /** Requests the installation must refuse (no, wrong or someone else's credentials). */
  readonly refused: readonly WebhookRequestInit[];
  /** A broken body with accepted credentials, and the reason the sender must be answered with. */
  readonly malformed?: { readonly request: WebhookRequestInit; readonly reason: string };
}

/**
 * What the host promises a sender, delivered as the host does it (`deliver`): each accepted request
 * is verified and parsed into well-formed signals; each refused one is answered 401 with nothing
 * parsed; the malformed one is answered 400 with its reason; and no secret of the installation is in
 * any signal, reason or log line. Resolves to the accepted deliveries, for the plugin's own assertions.
 */
export async function assertDeliveries(plugin: Pick<ActivatedPlugin<'alert-source'>, 'deliver' | 'logs'>, secrets: Readonly<Record<string, string>>, expected: DeliveryExpectations): Promise<Delivery[]> {
  const fail = (message: string): never => {
    throw new AssertionError({ message, stackStartFn: assertDeliveries });
  };
  const accepted: Delivery[] = [];
  for (const [index, request] of expected.accepted.entries()) {
    const delivery = await plugin.deliver(request);
    if (!delivery.verification.ok) fail(`accepted[${index}] was refused: ${delivery.verification.reason}`);
    if (delivery.payloadError) fail(`accepted[${index}] was answered 400: ${delivery.payloadError.reason}`);
    accepted.push(delivery);
  }
  const refused: Delivery[] = [];
  for (const [index, request] of expected.refused.entries()) {
    const delivery = await plugin.deliver(request);
    if (delivery.verification.ok) fail(`refused[${index}] was accepted`);
    refused.push(delivery);
  }
  let malformed: Delivery | undefined;
  if (expected.malformed) {
    malformed = await plugin.deliver(expected.malformed.request);
    if (!malformed.verification.ok) fail(`the malformed request was refused (${malformed.verification.reason}): give it accepted credentials`);
    if (malformed.payloadError?.reason !== expected.malformed.reason) {
      fail(`the malformed request was answered ${malformed.payloadError ? `"${malformed.payloadError.reason}"` : `with ${malformed.signals.length} signal(s)`}, not "${expected.malformed.reason}"`);
    }
  }
  assertNoSecretIn({ accepted, refused, malformed, logs: plugin.logs }, secrets);
  return accepted;
}
