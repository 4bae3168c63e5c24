import { definePlugin } from '@muster/plugin-sdk';
import { statuspageConfigSchema } from './config';
import { statuspagePort } from './status-page';

export const statuspagePlugin = definePlugin({
  id: 'statuspage',
  name: 'Atlassian Statuspage',
  description: 'Publishes approved external updates as a Statuspage incident; component states follow severity and services; resolved with Muster',
  version: '1.0.0',
  sdk: '^1.2.0',
  capabilities: ['status-page'],
  configSchema: statuspageConfigSchema,
  secrets: [{
    name: 'API_KEY',
    description: 'A Statuspage API key (user avatar → API info), sent as Authorization: OAuth <key>',
    required: true,
  }],
  activate: (ctx) => ({ 'status-page': statuspagePort(ctx) }),
});

export default statuspagePlugin;
export { statuspageConfigSchema, type StatuspageConfig } from './config';
export { PrivateIncidentError } from './status-page';
