import { configuredSeverities, definePlugin, severitiesByPosition, verifyTokenOrBasic } from '@muster/plugin-sdk';
import { configSchema, PRIORITY_POSITIONS, TOKEN_HEADER } from './config';
import { signalsOf } from './notification';
import { readAlert } from './payload';

export { configSchema, type DatadogConfig } from './config';
export { TRANSITIONS, type Transition } from './transitions';

const ID = 'datadog';

/** The Datadog Webhooks integration (with the payload template in the README) as a Muster alert source. */
export const datadogPlugin = definePlugin({
  id: ID,
  name: 'Datadog',
  description: 'Declares an incident when a Datadog monitor triggers and resolves it when the monitor recovers',
  version: '1.0.0',
  sdk: '^1.1.0',
  capabilities: ['alert-source'],
  configSchema,
  webhookAuth: 'X-Muster-Token: <TOKEN> (or Authorization: Bearer <TOKEN>, or basic auth <USERNAME>:<PASSWORD>)',
  secrets: [
    { name: 'TOKEN', description: 'The token the webhook sends as X-Muster-Token or Authorization: Bearer (a custom header)', required: false },
    { name: 'USERNAME', description: 'The basic-auth user the webhook sends, with PASSWORD', required: false },
    { name: 'PASSWORD', description: 'The basic-auth password the webhook sends, with USERNAME', required: false },
  ],
  activate(ctx) {
    const severities = configuredSeverities(ctx, ctx.config.severity.map ?? severitiesByPosition(ctx.severities, PRIORITY_POSITIONS));
    const settings = { groupBy: ctx.config.groupBy, serviceTag: ctx.config.service.tag, ignore: ctx.config.ignore, severities };
    return {
      'alert-source': {
        verify: (request) => verifyTokenOrBasic(request, ctx.secrets, ID, { tokenHeader: TOKEN_HEADER }),
        parse: (request) => signalsOf(readAlert(request), settings),
      },
    };
  },
});

export default datadogPlugin;
