import { alertmanagerStyleSettings, definePlugin, verifyTokenOrBasic } from '@muster/plugin-sdk';
import { configSchema } from './config';
import { signalsOf } from './notification';
import { readNotification } from './payload';

export { configSchema, type AlertmanagerConfig } from './config';

const ID = 'alertmanager';

/** Prometheus Alertmanager's webhook receiver (payload version 4) as a Muster alert source. */
export const alertmanagerPlugin = definePlugin({
  id: ID,
  name: 'Prometheus Alertmanager',
  description: 'Declares an incident per Alertmanager alert group and resolves it when the group resolves',
  version: '1.0.0',
  sdk: '^1.1.0',
  capabilities: ['alert-source'],
  configSchema,
  webhookAuth: 'Authorization: Bearer <TOKEN>, or basic auth <USERNAME>:<PASSWORD>',
  secrets: [
    { name: 'TOKEN', description: 'The bearer token Alertmanager sends (http_config authorization credentials)', required: false },
    { name: 'USERNAME', description: 'The basic-auth user Alertmanager sends (http_config basic_auth), with PASSWORD', required: false },
    { name: 'PASSWORD', description: 'The basic-auth password Alertmanager sends, with USERNAME', required: false },
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

export default alertmanagerPlugin;
