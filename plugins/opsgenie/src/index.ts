import { definePlugin } from '@muster/plugin-sdk';
import { opsgenieAlertSource } from './alert-source';
import { opsgenieConfigSchema } from './config';
import { opsgenieOnCall } from './oncall';
import { opsgeniePaging } from './paging';
import { opsgenieRest } from './rest/opsgenie-rest';

export const opsgeniePlugin = definePlugin({
  id: 'opsgenie',
  name: 'Opsgenie',
  description: 'Declares and resolves incidents from Opsgenie alerts (outgoing Webhook integration); pages through the Alert API and says who is on call',
  version: '1.1.0',
  sdk: '^1.2.0',
  capabilities: ['alert-source', 'paging', 'oncall'],
  configSchema: opsgenieConfigSchema,
  webhookAuth: 'Authorization: Bearer <TOKEN>, or <TOKEN> in the tokenHeader header (default X-Muster-Token), or basic auth <USERNAME>:<PASSWORD>',
  secrets: [
    { name: 'TOKEN', description: 'The token the Webhook integration sends as Authorization: Bearer, or in the tokenHeader header', required: false },
    { name: 'USERNAME', description: 'With PASSWORD: Basic credentials the Webhook integration sends instead of a token', required: false },
    { name: 'PASSWORD', description: 'With USERNAME: Basic credentials the Webhook integration sends instead of a token', required: false },
    { name: 'API_KEY', description: 'An Opsgenie API key (an API integration\'s key, Create and Update and Read access) for paging and on-call look-ups', required: false },
  ],
  activate: (ctx) => {
    const rest = opsgenieRest(ctx);
    return {
      'alert-source': opsgenieAlertSource(ctx),
      paging: opsgeniePaging(rest, ctx),
      oncall: opsgenieOnCall(rest, ctx.config),
    };
  },
});

export default opsgeniePlugin;
export { opsgenieConfigSchema, type OpsgenieConfig } from './config';
