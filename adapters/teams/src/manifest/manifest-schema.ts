import { z } from 'zod';

/**
 * The Teams app manifest fields Muster writes, with the limits Microsoft documents for schema v1.22
 * (the current version on Microsoft Learn's "App manifest" reference): Teams refuses an upload that
 * breaks one, so we refuse to write it. Not the whole schema: only what a bot-only app needs.
 */
export const TEAMS_MANIFEST_VERSION = '1.22';
export const TEAMS_MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Semantic versioning 2.0 core version, as Teams requires (`1.0.0`, no prerelease needed).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$/;

const guid = (what: string) => z.string().regex(GUID, `${what} must be a GUID (like 00000000-0000-0000-0000-000000000000)`);
const https = z.string().max(2048).regex(/^https:\/\/[^\s]+$/, 'must be an https:// URL');
const text = (max: number) => z.string().min(1).max(max);
const SCOPES = z.array(z.enum(['team', 'personal', 'groupChat'])).min(1).max(3);

export const teamsManifestSchema = z.object({
  $schema: z.literal(TEAMS_MANIFEST_SCHEMA),
  manifestVersion: z.literal(TEAMS_MANIFEST_VERSION),
  version: z.string().max(256).regex(SEMVER, 'version must be a semantic version like 1.0.0'),
  id: guid('id (the app id)'),
  developer: z.object({ name: text(32), websiteUrl: https, privacyUrl: https, termsOfUseUrl: https }).strict(),
  name: z.object({ short: text(30), full: text(100) }).strict(),
  description: z.object({ short: text(80), full: text(4000) }).strict(),
  icons: z.object({ color: z.literal('color.png'), outline: z.literal('outline.png') }).strict(),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'accentColor must be #RRGGBB'),
  bots: z.array(z.object({
    botId: guid('botId'),
    scopes: SCOPES,
    supportsFiles: z.boolean(),
    isNotificationOnly: z.boolean(),
    commandLists: z.array(z.object({
      scopes: SCOPES,
      commands: z.array(z.object({ title: text(32), description: text(128) }).strict()).min(1).max(10),
    }).strict()).max(3),
  }).strict()).length(1),
  permissions: z.array(z.enum(['identity', 'messageTeamMembers'])),
  validDomains: z.array(z.string().min(1).max(2048).regex(/^[^\s/:]+(:\d+)?$/, 'a valid domain is a host name, without scheme or path')).max(16),
  webApplicationInfo: z.object({ id: guid('webApplicationInfo.id'), resource: z.string().min(1).max(2048) }).strict(),
  authorization: z.object({
    permissions: z.object({
      resourceSpecific: z.array(z.object({ name: z.string().min(1).max(128), type: z.enum(['Application', 'Delegated']) }).strict()).min(1),
    }).strict(),
  }).strict(),
}).strict().superRefine((m, ctx) => {
  // Resource-specific consent is granted to the Entra app the bot is: the ids must agree.
  if (m.bots[0] && m.bots[0].botId !== m.id) ctx.addIssue({ code: 'custom', path: ['bots', 0, 'botId'], message: 'botId must be the app id' });
  if (m.webApplicationInfo.id !== m.id) ctx.addIssue({ code: 'custom', path: ['webApplicationInfo', 'id'], message: 'webApplicationInfo.id must be the app id' });
});

export type TeamsManifest = z.infer<typeof teamsManifestSchema>;

export const isGuid = (value: string): boolean => GUID.test(value);
