import { definePlugin } from '@muster/plugin-sdk';
import { googleMeetConference } from './conference';
import { googleMeetConfigSchema } from './config';

export const googleMeetPlugin = definePlugin({
  id: 'google-meet',
  name: 'Google Meet',
  description: 'A Google Meet space as the incident\'s video bridge (Meet REST API, service account), ended on resolve when configured',
  version: '1.0.0',
  sdk: '^1.2.0',
  capabilities: ['conference'],
  configSchema: googleMeetConfigSchema,
  secrets: [{
    name: 'SERVICE_ACCOUNT_KEY',
    description: 'The JSON key file of the Google Cloud service account (its whole content), with domain-wide delegation of the meetings.space.created scope',
    required: true,
  }],
  activate: (ctx) => ({ conference: googleMeetConference(ctx) }),
});

export default googleMeetPlugin;
export { googleMeetConfigSchema, type GoogleMeetConfig } from './config';
