import { z } from '@muster/plugin-sdk';

const url = (fallback: string) => z.string().trim().url().default(fallback);

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const googleMeetConfigSchema = z.strictObject({
  apiUrl: url('https://meet.googleapis.com/v2').describe('Google Meet REST API base URL (default https://meet.googleapis.com/v2)'),
  tokenUrl: url('https://oauth2.googleapis.com/token').describe('Google OAuth token endpoint the signed JWT is posted to (default https://oauth2.googleapis.com/token)'),
  impersonate: z.string().trim().email().max(254).optional()
    .describe('The Workspace user the service account acts as (domain-wide delegation): the owner of the meetings. Meet accepts only user credentials, so set it'),
  accessType: z.enum(['OPEN', 'TRUSTED', 'RESTRICTED']).optional()
    .describe('Who may join without knocking: OPEN (anyone with the link), TRUSTED (the organisation), RESTRICTED (invitees); default: the Workspace\'s setting'),
  onResolve: z.enum(['end', 'leave']).default('leave').describe('When the incident resolves: end the active conference for everyone, or leave it running (default leave)'),
});

export type GoogleMeetConfig = z.output<typeof googleMeetConfigSchema>;
