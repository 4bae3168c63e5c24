import { definePlugin } from '@muster/plugin-sdk';
import { outgoingWebhookConfigSchema } from './config';
import { outgoingWebhookNotifier } from './notifier';

export const outgoingWebhookPlugin = definePlugin({
  id: 'outgoing-webhook',
  name: 'Outgoing webhook',
  description: 'Sends every incident event as JSON to configured URLs, signed with HMAC-SHA256 (X-Muster-Signature), retried through the outbox',
  version: '1.0.0',
  sdk: '^1.2.0',
  capabilities: ['notifier'],
  configSchema: outgoingWebhookConfigSchema,
  secrets: [{
    name: 'SIGNING_SECRET',
    description: 'The shared secret receivers verify X-Muster-Signature with (at least 32 random characters)',
    required: true,
  }],
  activate: (ctx) => ({ notifier: outgoingWebhookNotifier(ctx) }),
});

export default outgoingWebhookPlugin;
export { EVENT_TYPES, outgoingWebhookConfigSchema, type OutgoingWebhookConfig } from './config';
export { deliveryBody } from './notifier';
export {
  DEFAULT_TOLERANCE_SECONDS, EVENT_ID_HEADER, musterSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyMusterSignature,
  type SignatureCheck, type VerifyOptions,
} from './signature';
