import { definePlugin } from '@muster/plugin-sdk';
import { teamsMeetingConference } from './conference';
import { teamsMeetingConfigSchema } from './config';

export const teamsMeetingPlugin = definePlugin({
  id: 'teams-meeting',
  name: 'Microsoft Teams meeting',
  description: 'A Microsoft Teams meeting as the incident\'s video bridge (Graph onlineMeetings, app-only), left alone on resolve',
  version: '1.0.0',
  sdk: '^1.2.0',
  capabilities: ['conference'],
  configSchema: teamsMeetingConfigSchema,
  secrets: [
    { name: 'CLIENT_ID', description: 'The Application (client) ID of the Entra app registration', required: true },
    { name: 'CLIENT_SECRET', description: 'A client secret (its Value) of the Entra app registration', required: true },
  ],
  activate: (ctx) => ({ conference: teamsMeetingConference(ctx) }),
});

export default teamsMeetingPlugin;
export { teamsMeetingConfigSchema, type TeamsMeetingConfig } from './config';
