import { definePlugin } from '@muster/plugin-sdk';
import { zoomConference } from './conference';
import { zoomConfigSchema } from './config';

export const zoomPlugin = definePlugin({
  id: 'zoom',
  name: 'Zoom',
  description: 'A Zoom meeting as the incident\'s video bridge (Server-to-Server OAuth), ended on resolve when configured',
  version: '1.0.0',
  sdk: '^1.2.0',
  capabilities: ['conference'],
  configSchema: zoomConfigSchema,
  secrets: [
    { name: 'ACCOUNT_ID', description: 'The Account ID of the Zoom Server-to-Server OAuth app (App Credentials)', required: true },
    { name: 'CLIENT_ID', description: 'The Client ID of the Server-to-Server OAuth app', required: true },
    { name: 'CLIENT_SECRET', description: 'The Client Secret of the Server-to-Server OAuth app', required: true },
  ],
  activate: (ctx) => ({ conference: zoomConference(ctx) }),
});

export default zoomPlugin;
export { zoomConfigSchema, type ZoomConfig } from './config';
