import { definePlugin } from '@muster/plugin-sdk';
import { pagerDutyAlertSource } from './alert-source';
import { pagerDutyConfigSchema } from './config';

export const pagerDutyPlugin = definePlugin({
  id: 'pagerduty',
  name: 'PagerDuty',
  description: 'Declares and resolves incidents from PagerDuty V3 webhooks (signed), mapping priority and urgency to severity',
  version: '1.0.0',
  sdk: '^1.1.0',
  capabilities: ['alert-source'],
  configSchema: pagerDutyConfigSchema,
  webhookAuth: 'X-PagerDuty-Signature, signed by PagerDuty with <WEBHOOK_SECRET>',
  secrets: [{
    name: 'WEBHOOK_SECRET',
    description: 'The signing secret PagerDuty shows once when the V3 webhook subscription is created',
    required: true,
  }],
  activate: (ctx) => ({ 'alert-source': pagerDutyAlertSource(ctx) }),
});

export default pagerDutyPlugin;
export { pagerDutyConfigSchema, type PagerDutyConfig } from './config';
