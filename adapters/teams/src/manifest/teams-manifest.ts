import { MusterError } from '@muster/core';
import { ACCENT_COLOR } from './icons';
import { TEAMS_MANIFEST_SCHEMA, TEAMS_MANIFEST_VERSION, isGuid, teamsManifestSchema, type TeamsManifest } from './manifest-schema';
import { teamsCommandList } from './teams-commands';

export interface TeamsManifestOptions {
  /** The Microsoft app id (Entra app registration = Azure Bot): the Teams app id and the bot id. */
  readonly appId: string;
  /** The short name people see and @mention; default "Muster". */
  readonly name?: string;
  /** The package version; Teams needs a higher one for every update of an uploaded app. */
  readonly version?: string;
  /** MUSTER_PUBLIC_URL: the developer links and the valid domain; without it, Teams' sample placeholders. */
  readonly publicUrl?: string;
}

// Resource-specific consent: the bot receives every message in the teams and chats it is added to,
// not only the ones that @mention it, so the timeline captures the whole conversation.
const RSC_PERMISSIONS = ['ChannelMessage.Read.Group', 'ChatMessage.Read.Chat'] as const;
// What Teams' own app templates use when an app has no site of its own (example.com is reserved).
const PLACEHOLDER_SITE = 'https://www.example.com';

const SCOPES = ['personal', 'team', 'groupChat'] as const;

/** Echoed input without control characters (a terminal would run escapes), and short. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 64);

function refuse(message: string): never {
  throw new MusterError('configuration', message);
}

function siteOf(publicUrl: string | undefined): { site: string; domains: string[] } {
  if (!publicUrl) return { site: PLACEHOLDER_SITE, domains: [] };
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return refuse(`MUSTER_PUBLIC_URL is not a URL: "${printable(publicUrl)}". Set it to the https:// address Muster is reached at.`);
  }
  if (url.protocol !== 'https:') refuse(`MUSTER_PUBLIC_URL must use https:// for Teams (got ${url.protocol}//${url.host}).`);
  return { site: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, domains: [url.host] };
}

/** The manifest.json of Muster's Teams app, checked against the limits Teams enforces. */
export function teamsManifest(options: TeamsManifestOptions): TeamsManifest {
  const appId = options.appId.trim().toLowerCase();
  if (!isGuid(appId)) refuse(`The app id must be a GUID like 00000000-0000-0000-0000-000000000000 (the Application (client) ID of the Azure Bot's Entra app); got "${printable(options.appId)}".`);
  const name = (options.name ?? 'Muster').trim();
  if (!name || name.length > 30) refuse(`The app name must be 1 to 30 characters (Teams' limit for a short name); "${printable(name)}" has ${name.length}.`);
  if (printable(name) !== name) refuse('The app name cannot contain control characters.');
  const { site, domains } = siteOf(options.publicUrl);
  const manifest = {
    $schema: TEAMS_MANIFEST_SCHEMA,
    manifestVersion: TEAMS_MANIFEST_VERSION,
    version: options.version ?? '1.0.0',
    id: appId,
    developer: { name: 'Muster', websiteUrl: site, privacyUrl: site, termsOfUseUrl: site },
    name: { short: name, full: `${name}: incident response` },
    description: {
      short: 'Declare, run and learn from incidents without leaving Teams.',
      full: `${name} runs incident response in Teams: @mention it to declare an incident, and it opens the room, `
        + 'pulls in the right people, keeps severity, roles and status on one card, records the timeline, '
        + 'drafts stakeholder updates for your approval and writes the postmortem. The same commands work in Slack.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT_COLOR,
    bots: [{
      botId: appId,
      scopes: [...SCOPES],
      supportsFiles: false,
      isNotificationOnly: false,
      commandLists: [{ scopes: [...SCOPES], commands: teamsCommandList() }],
    }],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: domains,
    // RSC requires webApplicationInfo: the id is the app's Entra id; the resource is not used by RSC.
    webApplicationInfo: { id: appId, resource: `api://botid-${appId}` },
    authorization: { permissions: { resourceSpecific: RSC_PERMISSIONS.map((permission) => ({ name: permission, type: 'Application' as const })) } },
  };
  const checked = teamsManifestSchema.safeParse(manifest);
  if (!checked.success) refuse(`The Teams manifest would be refused: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  return checked.data;
}
