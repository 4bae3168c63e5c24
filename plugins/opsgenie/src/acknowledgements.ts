import { oneLine, readPayload, type PageAcknowledgement, type WebhookRequest } from '@muster/plugin-sdk';
import { personOf } from './oncall';
import { opsgenieActionSchema, opsgeniePayloadSchema } from './opsgenie-payload';

const STATES: Readonly<Record<string, PageAcknowledgement['state']>> = {
  acknowledge: 'acknowledged',
  close: 'resolved',
};

/**
 * Acknowledgements from the same Webhook integration the alert source reads (already verified by
 * its credential check): `Acknowledge` (and `Close`) of an alert whose alias is a page's dedupKey,
 * by `alert.username`, the Opsgenie user who acted (their email). Alerts without an alias are not
 * Muster's pages: nothing.
 */
export async function opsgenieAcknowledgements(request: WebhookRequest): Promise<readonly PageAcknowledgement[]> {
  const { action } = readPayload(request, opsgenieActionSchema);
  const key = action.trim().toLowerCase();
  const state = Object.hasOwn(STATES, key) ? STATES[key]! : undefined;
  if (!state) return [];
  const { alert } = readPayload(request, opsgeniePayloadSchema);
  const dedupKey = oneLine(alert.alias, 200);
  if (!dedupKey) return [];
  const username = oneLine(alert.username, 320);
  // Opsgenie names a rule or an integration "System" or its own name: only a username is a person.
  const by = username && username.includes('@') ? personOf(username) : undefined;
  return [{ dedupKey, state, ...(by ? { by } : {}) }];
}
