import { z } from '@muster/plugin-sdk';

const url = (fallback: string) => z.string().trim().url().default(fallback);
/** A directory (tenant) id or a verified domain; a user's object id or user principal name. */
const directoryName = z.string().trim().min(1).max(254).regex(/^(?!\.+$)[A-Za-z0-9._@-]+$/, 'must be an id (GUID), a domain or a user principal name');

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const teamsMeetingConfigSchema = z.strictObject({
  graphUrl: url('https://graph.microsoft.com').describe('Microsoft Graph base URL (default https://graph.microsoft.com; national clouds have their own)'),
  loginUrl: url('https://login.microsoftonline.com').describe('Microsoft Entra sign-in base URL for the token (default https://login.microsoftonline.com)'),
  tenantId: directoryName.describe('The Entra tenant (directory) id, or its verified domain, of the app registration'),
  organizerId: directoryName.describe('The user who organises the meetings: object id or user principal name; the application access policy must be granted to this user'),
  durationMinutes: z.number().int().min(15).max(1440).default(120).describe('Scheduled length of the meeting in minutes (default 120); it can run longer'),
  onResolve: z.literal('leave').default('leave')
    .describe('On resolve the meeting is left alone (Graph cannot end an ad hoc meeting for everyone); only leave is accepted'),
});

export type TeamsMeetingConfig = z.output<typeof teamsMeetingConfigSchema>;
