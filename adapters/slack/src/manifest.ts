import { MusterError } from '@muster/core';

/**
 * The Slack app manifest an admin pastes at api.slack.com/apps ("From an app manifest") to install
 * Muster in one go. Slack accepts JSON manifests, so this is a plain object; `JSON.stringify` it.
 */
export interface SlackManifestOptions {
  /** Where Slack reaches this server (`MUSTER_PUBLIC_URL`). Optional in Socket Mode, which needs no inbound URL. */
  readonly publicUrl?: string;
  /** Socket Mode (`SLACK_APP_TOKEN` set): Slack pushes over a websocket; no request URLs in the manifest. */
  readonly socketMode: boolean;
  readonly appName?: string;
}

export const SLACK_COMMAND = '/incident';
export const DECLARE_SHORTCUT_CALLBACK_ID = 'incident.declare';
export const TIMELINE_SHORTCUT_CALLBACK_ID = 'timeline.add_message';
export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** What each scope is for, so a reviewer approving the install can check none is spare. */
export const SLACK_BOT_SCOPES = [
  'commands', // the /incident command and the shortcuts
  'chat:write', // post and update incident cards
  'chat:write.public', // post in public channels Muster was not invited to (stakeholder channel)
  'channels:manage', // create, rename, archive public incident channels; set their topic
  'groups:write', // the same for private incident channels
  'channels:read', // channel names and membership
  'groups:read',
  'channels:history', // timeline capture from message events
  'groups:history',
  'channels:join', // join an existing public channel an incident is declared in
  'pins:read', // pin_added / pin_removed events: pinned messages become timeline highlights
  'pins:write', // pin the incident card
  'bookmarks:write', // bookmark the call, ticket and dashboard links
  'reactions:read', // reaction highlights on the timeline
  'users:read', // display names
  'users:read.email', // match people across Slack, Teams and on-call tools by email
  'files:read', // keep pinned images on the timeline
  'files:write', // attach the postmortem document (Markdown) to the incident channel
  'im:write', // direct messages (reminders, approvals)
  'usergroups:read', // workflows that invite a user group (@payments-oncall): its members
] as const;

export const SLACK_BOT_EVENTS = [
  'message.channels',
  'message.groups',
  'reaction_added',
  'reaction_removed',
  'pin_added',
  'pin_removed',
  'app_uninstalled',
  'tokens_revoked',
  'member_joined_channel',
] as const;

const USAGE_HINT = 'declare [title] [--sev SEV1] [--private] | status | sev <level> | assign <role> @person | ack | mitigate | resolve | note <text> | update | summary | help';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `MUSTER_PUBLIC_URL` without a trailing slash, or a configuration error saying what is wrong with it.
 * Slack only calls https URLs; plain http is tolerated for localhost (a tunnel or a test).
 */
export function validatePublicUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new MusterError('configuration', `MUSTER_PUBLIC_URL must be an absolute URL such as https://muster.example.com (got "${publicUrl.slice(0, 200)}").`);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new MusterError('configuration', `MUSTER_PUBLIC_URL must use https:// (Slack only calls https URLs; http is allowed for localhost only). Got "${url.origin}".`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new MusterError('configuration', 'MUSTER_PUBLIC_URL must be a plain base URL, without credentials, query or fragment.');
  }
  return url.href.replace(/\/+$/, '');
}

export interface SlackAppManifest {
  readonly display_information: { readonly name: string; readonly description: string; readonly background_color: string; readonly long_description: string };
  readonly features: {
    readonly bot_user: { readonly display_name: string; readonly always_online: boolean };
    readonly slash_commands: readonly { readonly command: string; readonly description: string; readonly usage_hint: string; readonly should_escape: boolean; readonly url?: string }[];
    readonly shortcuts: readonly { readonly name: string; readonly type: 'global' | 'message'; readonly callback_id: string; readonly description: string }[];
  };
  readonly oauth_config: { readonly redirect_urls?: readonly string[]; readonly scopes: { readonly bot: readonly string[] } };
  readonly settings: {
    readonly event_subscriptions: { readonly request_url?: string; readonly bot_events: readonly string[] };
    readonly interactivity: { readonly is_enabled: boolean; readonly request_url?: string };
    readonly org_deploy_enabled: boolean;
    readonly socket_mode_enabled: boolean;
    readonly token_rotation_enabled: boolean;
  };
}

export function slackManifest(options: SlackManifestOptions): SlackAppManifest {
  if (!options.socketMode && !options.publicUrl) {
    throw new MusterError('configuration', 'MUSTER_PUBLIC_URL is required for the Slack manifest in HTTP mode: set it to the https address where Slack reaches Muster (e.g. https://muster.example.com), or use the Socket Mode manifest, which needs none.');
  }
  const base = options.publicUrl ? validatePublicUrl(options.publicUrl) : undefined;
  const name = options.appName?.trim() || 'Muster';
  // In Socket Mode Slack ignores request URLs; leaving them out keeps the manifest honest.
  const requestUrl = options.socketMode || !base ? {} : { request_url: `${base}${SLACK_EVENTS_PATH}` };
  const commandUrl = options.socketMode || !base ? {} : { url: `${base}${SLACK_EVENTS_PATH}` };
  return {
    display_information: {
      name: name.slice(0, 35),
      description: 'Incident response in chat: declare, coordinate, update, learn.',
      background_color: '#1f2937',
      long_description:
        'Muster runs incident response where your team already talks. Declare an incident with /incident or a shortcut, ' +
        'get a dedicated channel with the right people, a pinned card with severity, status and roles, a timeline of what ' +
        'happened, stakeholder updates drafted for a human to approve, and a postmortem at the end.',
    },
    features: {
      bot_user: { display_name: name.slice(0, 80), always_online: true },
      slash_commands: [
        { command: SLACK_COMMAND, description: 'Declare and run incidents', usage_hint: USAGE_HINT, should_escape: true, ...commandUrl },
      ],
      shortcuts: [
        { name: 'Declare incident', type: 'global', callback_id: DECLARE_SHORTCUT_CALLBACK_ID, description: 'Open the form to declare a new incident' },
        { name: 'Add to incident timeline', type: 'message', callback_id: TIMELINE_SHORTCUT_CALLBACK_ID, description: 'Record this message on the incident timeline' },
      ],
    },
    oauth_config: {
      ...(base ? { redirect_urls: [`${base}${SLACK_OAUTH_REDIRECT_PATH}`] } : {}),
      scopes: { bot: [...SLACK_BOT_SCOPES] },
    },
    settings: {
      event_subscriptions: { ...requestUrl, bot_events: [...SLACK_BOT_EVENTS] },
      interactivity: { is_enabled: true, ...requestUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
