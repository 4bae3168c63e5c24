import { definePlugin } from '@muster/plugin-sdk';
import { pagerDutyAlertSource } from './alert-source';
import { pagerDutyConfigSchema } from './config';
import { pagerDutyOnCall } from './oncall';
import { pagerDutyPaging } from './paging';
import { pagerDutyRest } from './rest/pagerduty-rest';

export const pagerDutyPlugin = definePlugin({
  id: 'pagerduty',
  name: 'PagerDuty',
  description: 'Declares and resolves incidents from PagerDuty V3 webhooks (signed); pages the on-call of a service through the REST API and says who is on call',
  version: '1.1.0',
  sdk: '^1.2.0',
  capabilities: ['alert-source', 'paging', 'oncall'],
  configSchema: pagerDutyConfigSchema,
  webhookAuth: 'X-PagerDuty-Signature, signed by PagerDuty with <WEBHOOK_SECRET>',
  secrets: [
    {
      name: 'WEBHOOK_SECRET',
      description: 'The signing secret PagerDuty shows once when the V3 webhook subscription is created',
      required: true,
    },
    {
      name: 'API_TOKEN',
      description: 'A PagerDuty REST API key (read-write) for paging and on-call look-ups; an account key also needs the from setting',
      required: false,
    },
  ],
  activate: (ctx) => {
    const rest = pagerDutyRest(ctx);
    return {
      'alert-source': pagerDutyAlertSource(ctx),
      paging: pagerDutyPaging(rest, ctx),
      oncall: pagerDutyOnCall(rest, ctx.config),
    };
  },
});

export default pagerDutyPlugin;
export { pagerDutyConfigSchema, type PagerDutyConfig } from './config';
