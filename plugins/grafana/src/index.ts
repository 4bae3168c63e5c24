import { definePlugin } from '@muster/plugin-sdk';
import { verifyBearerOrBasic } from './auth';
import { configSchema } from './config';
import { signalsOf } from './notification';
import { readNotification } from './payload';
import { severityMapper } from './severity';

export { configSchema, type GrafanaConfig } from './config';

const ID = 'grafana';

/** Grafana Alerting's webhook contact point (Grafana 9+, payload version 1) as a Muster alert source. */
export const grafanaPlugin = definePlugin({
  id: ID,
  name: 'Grafana Alerting',
  description: 'Declares an incident per Grafana alert group and resolves it when the group resolves',
  version: '1.0.0',
  sdk: '^1.0.0',
  capabilities: ['alert-source'],
  configSchema,
  webhookAuth: 'Authorization: Bearer <TOKEN>, or basic auth <USERNAME>:<PASSWORD>',
  secrets: [
    { name: 'TOKEN', description: 'The credentials of the contact point\'s Authorization header (scheme Bearer)', required: false },
    { name: 'USERNAME', description: 'The contact point\'s basic-auth user, with PASSWORD', required: false },
    { name: 'PASSWORD', description: 'The contact point\'s basic-auth password, with USERNAME', required: false },
  ],
  activate(ctx) {
    const severities = severityMapper(ctx.severities, ctx.config.severity.map);
    if (severities.unknownTargets.length > 0) {
      ctx.logger.warn('The severity map names levels this installation does not have; those alerts get the default level', {
        entries: severities.unknownTargets, levels: ctx.severities.map((level) => level.id),
      });
    }
    const settings = { severityLabel: ctx.config.severity.label, serviceLabel: ctx.config.service.label, severities };
    return {
      'alert-source': {
        verify: (request) => verifyBearerOrBasic(ID, request, ctx.secrets),
        parse: (request) => signalsOf(readNotification(request), settings),
      },
    };
  },
});

export default grafanaPlugin;
