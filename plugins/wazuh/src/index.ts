import { definePlugin } from '@muster/plugin-sdk';
import { wazuhAlertSource } from './alert-source';
import { wazuhConfigSchema } from './config';

export const wazuhPlugin = definePlugin({
  id: 'wazuh',
  name: 'Wazuh',
  description: 'Declares incidents from Wazuh alerts at or above a rule level, sent by the custom-muster integration script',
  version: '1.0.0',
  sdk: '^1.1.0',
  capabilities: ['alert-source'],
  configSchema: wazuhConfigSchema,
  webhookAuth: 'Authorization: Bearer <TOKEN> (the api_key of the custom-muster integration)',
  secrets: [{
    name: 'TOKEN',
    description: 'The api_key of the custom-muster <integration> block in ossec.conf (sent as Authorization: Bearer)',
    required: true,
  }],
  activate: (ctx) => ({ 'alert-source': wazuhAlertSource(ctx) }),
});

export default wazuhPlugin;
export { wazuhConfigSchema, type WazuhConfig } from './config';
