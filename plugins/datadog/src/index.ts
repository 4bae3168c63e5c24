import { definePlugin } from '@muster/plugin-sdk';
import { verifyDatadog } from './auth';
import { configSchema } from './config';
import { signalsOf } from './notification';
import { readAlert } from './payload';
import { severityMapper } from './severity';

export { configSchema, type DatadogConfig } from './config';
export { TRANSITIONS, type Transition } from './transitions';

const ID = 'datadog';

/** The Datadog Webhooks integration (with the payload template in the README) as a Muster alert source. */
export const datadogPlugin = definePlugin({
  id: ID,
  name: 'Datadog',
  description: 'Declares an incident when a Datadog monitor triggers and resolves it when the monitor recovers',
  version: '1.0.0',
  sdk: '^1.0.0',
  capabilities: ['alert-source'],
  configSchema,
  webhookAuth: 'X-Muster-Token: <TOKEN> (or Authorization: Bearer <TOKEN>, or basic auth <USERNAME>:<PASSWORD>)',
  secrets: [
    { name: 'TOKEN', description: 'The token the webhook sends as X-Muster-Token or Authorization: Bearer (a custom header)', required: false },
    { name: 'USERNAME', description: 'The basic-auth user the webhook sends, with PASSWORD', required: false },
    { name: 'PASSWORD', description: 'The basic-auth password the webhook sends, with USERNAME', required: false },
  ],
  activate(ctx) {
    const severities = severityMapper(ctx.severities, ctx.config.severity.map);
    if (severities.unknownTargets.length > 0) {
      ctx.logger.warn('The severity map names levels this installation does not have; those alerts get the default level', {
        entries: severities.unknownTargets, levels: ctx.severities.map((level) => level.id),
      });
    }
    const settings = { groupBy: ctx.config.groupBy, serviceTag: ctx.config.service.tag, ignore: ctx.config.ignore, severities };
    return {
      'alert-source': {
        verify: (request) => verifyDatadog(ID, request, ctx.secrets),
        parse: (request) => signalsOf(readAlert(request), settings),
      },
    };
  },
});

export default datadogPlugin;
