import { z } from '@muster/plugin-sdk';

const url = (fallback: string) => z.string().trim().url().default(fallback);

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const zoomConfigSchema = z.strictObject({
  apiUrl: url('https://api.zoom.us/v2').describe('Zoom API base URL (default https://api.zoom.us/v2)'),
  oauthUrl: url('https://zoom.us/oauth/token').describe('Zoom OAuth token endpoint (default https://zoom.us/oauth/token)'),
  userId: z.string().trim().min(1).max(128).default('me')
    .describe('The Zoom user who hosts the meetings: a user id or email (default me, the app\'s account owner)'),
  meetingType: z.enum(['scheduled', 'instant']).default('scheduled')
    .describe('scheduled (default): a meeting starting now, findable again after a crash; instant: Zoom\'s instant meeting, which Zoom lists only once someone joined'),
  durationMinutes: z.number().int().min(15).max(1440).default(120).describe('Scheduled length of the meeting in minutes (default 120); it can run longer'),
  onResolve: z.enum(['end', 'leave']).default('leave').describe('When the incident resolves: end the meeting for everyone, or leave it running (default leave)'),
});

export type ZoomConfig = z.output<typeof zoomConfigSchema>;
