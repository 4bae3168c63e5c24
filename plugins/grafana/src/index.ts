import { alertmanagerStyleSettings, definePlugin, verifyTokenOrBasic } from '@muster/plugin-sdk';
import { configSchema } from './config';
import { signalsOf } from './notification';
import { readNotification } from './payload';

export { configSchema, type GrafanaConfig } from './config';

const ID = 'grafana';

/** Grafana Alerting's webhook contact point (Grafana 9+, payload version 1) as a Muster alert source. */
export const grafanaPlugin = definePlugin({
  id: ID,
  name: 'Grafana Alerting',
  description: 'Declares an incident per Grafana alert group and resolves it when the group resolves',
  version: '1.0.0',
  sdk: '^1.1.0',
  capabilities: ['alert-source'],
  configSchema,
  webhookAuth: 'Authorization: Bearer <TOKEN>, or basic auth <USERNAME>:<PASSWORD>',
  secrets: [
    { name: 'TOKEN', description: 'The credentials of the contact point\'s Authorization header (scheme Bearer)', required: false },
    { name: 'USERNAME', description: 'The contact point\'s basic-auth user, with PASSWORD', required: false },
    { name: 'PASSWORD', description: 'The contact point\'s basic-auth password, with USERNAME', required: false },
  ],
  activate(ctx) {
    const settings = alertmanagerStyleSettings(ctx);
    return {
      'alert-source': {
        verify: (request) => verifyTokenOrBasic(request, ctx.secrets, ID),
        parse: (request) => signalsOf(readNotification(request), settings),
      },
    };
  },
});

export default grafanaPlugin;
