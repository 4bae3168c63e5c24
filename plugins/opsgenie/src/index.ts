import { definePlugin } from '@muster/plugin-sdk';
import { opsgenieAlertSource } from './alert-source';
import { opsgenieConfigSchema } from './config';

export const opsgeniePlugin = definePlugin({
  id: 'opsgenie',
  name: 'Opsgenie',
  description: 'Declares and resolves incidents from Opsgenie alerts, through its outgoing Webhook integration',
  version: '1.0.0',
  sdk: '^1.1.0',
  capabilities: ['alert-source'],
  configSchema: opsgenieConfigSchema,
  webhookAuth: 'Authorization: Bearer <TOKEN>, or <TOKEN> in the tokenHeader header (default X-Muster-Token), or basic auth <USERNAME>:<PASSWORD>',
  secrets: [
    { name: 'TOKEN', description: 'The token the Webhook integration sends as Authorization: Bearer, or in the tokenHeader header', required: false },
    { name: 'USERNAME', description: 'With PASSWORD: Basic credentials the Webhook integration sends instead of a token', required: false },
    { name: 'PASSWORD', description: 'With USERNAME: Basic credentials the Webhook integration sends instead of a token', required: false },
  ],
  activate: (ctx) => ({ 'alert-source': opsgenieAlertSource(ctx) }),
});

export default opsgeniePlugin;
export { opsgenieConfigSchema, type OpsgenieConfig } from './config';
