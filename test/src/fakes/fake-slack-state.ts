/**
 * The workspace behind the fake Slack Web API (fake-slack-api.ts): channels with their messages,
 * ephemerals, pins and bookmarks, users, bot tokens, OAuth codes, uploaded files, open views and
 * response_urls, plus the ids, timestamps and JSON shapes Slack uses for them.
 *
 * One bot is installed (INSTALLED_BOT). Any well-formed user id (`U…`/`W…`) is a user; addUser only
 * gives it a name. A post to a user id lands in the app's DM with them, a private channel named
 * `dm-<user id>` opened on first use. Private channels the bot is not in do not exist for it.
 */

export type Args = Record<string, unknown>;
export type Body = Record<string, unknown>;
export interface FakeMessage { type: 'message'; ts: string; user: string; bot_id?: string; text: string; blocks?: unknown[]; metadata?: { event_type: string; event_payload: Body }; thread_ts?: string; edited?: { user: string; ts: string }; files?: { id: string; name: string; title: string; permalink: string }[] }
export interface FakeEphemeral { user: string; text: string; blocks?: unknown[] }
export interface FakeFile { id: string; name: string; title: string; length: number; content?: string; permalink: string; channel?: string }
export interface FakeResponse { url: string; channel: string; user: string; body: Body }
export interface FakeChannel { id: string; name: string; isPrivate: boolean; topic: string; members: Set<string>; archived: boolean; pins: string[]; bookmarks: { id: string; title: string; link: string }[]; created: number; creator: string }
/** `role`: what users.info says of them (`is_admin`, `is_owner`, `is_primary_owner`); a plain member by default. */
export interface FakeUser { id: string; name: string; realName?: string; displayName?: string; email?: string; role?: 'member' | 'admin' | 'owner' | 'primary_owner' }
/** A user group (`@payments-oncall`): its `S…` id, handle and members, as usergroups.list / usergroups.users.list tell them. */
export interface FakeUserGroup { id: string; handle: string; name: string; users: string[]; deleted?: boolean }
/** Where answers to a response_url land, and how often it has been used (Slack allows five). */
export interface ResponseUrlTarget { channel: string; user: string; messageTs?: string; uses: number }

/** A Slack error answer (`ok: false`); method handlers throw it and the server turns it into the reply. */
export class SlackFailure extends Error {
  constructor(readonly error: string, readonly extra: Body = {}) { super(error); }
}

/** The one app installed in the workspace; `as const` keeps the literal types FakeSlackApi exposes. */
export const INSTALLED_BOT = { teamId: 'T0FAKE', botUserId: 'U0MUSTER', botId: 'B0MUSTER', botToken: 'xoxb-fake-0000-muster', appId: 'A0MUSTER' } as const;
const { teamId, botUserId, botId } = INSTALLED_BOT;

export const USER_ID = /^[UWB][A-Z0-9]{2,}$/;
/** Form bodies carry every value as a string, JSON bodies as themselves: these read either. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
export const bool = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

export class FakeSlackWorkspace {
  readonly views = new Map<string, Body>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage[]>();
  readonly ephemerals = new Map<string, FakeEphemeral[]>();
  readonly users = new Map<string, FakeUser>();
  readonly userGroups = new Map<string, FakeUserGroup>();
  readonly tokens = new Map<string, { revoked: boolean }>([[INSTALLED_BOT.botToken, { revoked: false }]]);
  readonly oauthCodes = new Set<string>();
  readonly files = new Map<string, FakeFile>();
  readonly responseUrls = new Map<string, ResponseUrlTarget>();
  readonly responded: FakeResponse[] = [];
  private lastMicros = 0;
  private sequence = 0;

  /** Message timestamps as Slack writes them (`seconds.micros`), strictly increasing so each names one message. */
  nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }
  nextId(prefix: string): string { return `${prefix}${(++this.sequence).toString(36).toUpperCase().padStart(8, '0')}`; }

  channel(idOrName: string): FakeChannel | undefined {
    return this.channels.get(idOrName) ?? [...this.channels.values()].find((c) => c.name === idOrName.replace(/^#/, ''));
  }

  /** `creator` is who made it: our bot for conversations.create, a person for channels a test sets up. */
  createChannel(name: string, isPrivate: boolean, members: string[], creator: string = botUserId): FakeChannel {
    const channel: FakeChannel = { id: this.nextId(isPrivate ? 'G' : 'C'), name, isPrivate, topic: '', members: new Set(members), archived: false, pins: [], bookmarks: [], created: Math.floor(Date.now() / 1000), creator };
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    this.ephemerals.set(channel.id, []);
    return channel;
  }

  /** The app's direct-message channel with a user (`dm-<user id>`), opened on first use as Slack does. */
  directMessage(user: string): FakeChannel {
    return this.channel(`dm-${user.toLowerCase()}`) ?? this.createChannel(`dm-${user.toLowerCase()}`, true, [botUserId, user]);
  }

  /** The channel a call names; private channels the bot is not in do not exist for it, as in Slack. */
  requireChannel(args: Args, field = 'channel', forWriting = false): FakeChannel {
    const named = str(args[field]);
    // A user id as the channel of chat.postMessage means the app's direct message with that person.
    const channel = this.channel(named) ?? (field === 'channel' && /^[UW][A-Z0-9]{2,}$/.test(named) ? this.directMessage(named) : undefined);
    if (!channel || (channel.isPrivate && !channel.members.has(botUserId))) throw new SlackFailure('channel_not_found');
    if (forWriting && channel.archived) throw new SlackFailure('is_archived');
    return channel;
  }

  requireMessage(channel: FakeChannel, ts: string): FakeMessage {
    const message = this.messages.get(channel.id)?.find((m) => m.ts === ts);
    if (!message) throw new SlackFailure('message_not_found');
    return message;
  }

  viewJson(view: Body, id: string, previous: string | null): Body {
    return {
      id, team_id: teamId, app_id: INSTALLED_BOT.appId, bot_id: botId, type: view.type ?? 'modal', callback_id: view.callback_id ?? '',
      private_metadata: view.private_metadata ?? '', title: view.title, submit: view.submit ?? null, close: view.close ?? null,
      blocks: view.blocks ?? [], state: { values: {} }, hash: this.nextId('h'), root_view_id: id, previous_view_id: previous,
      clear_on_close: false, notify_on_close: false, external_id: view.external_id ?? '',
    };
  }

  userJson(id: string): Body {
    const u = this.users.get(id) ?? { id, name: id.toLowerCase() };
    return {
      id, team_id: teamId, name: u.name, real_name: u.realName ?? u.name, deleted: false, is_bot: false, tz: 'Etc/UTC',
      // As Slack answers: an owner is an admin too, the primary owner an owner too.
      is_admin: u.role !== undefined && u.role !== 'member', is_owner: u.role === 'owner' || u.role === 'primary_owner', is_primary_owner: u.role === 'primary_owner',
      is_restricted: false, is_ultra_restricted: false,
      profile: { display_name: u.displayName ?? '', real_name: u.realName ?? u.name, email: u.email ?? `${u.name}@example.com` },
    };
  }
}

export function channelJson(c: FakeChannel): Body {
  return {
    id: c.id, name: c.name, name_normalized: c.name, is_channel: !c.isPrivate, is_group: c.isPrivate, is_private: c.isPrivate,
    is_archived: c.archived, is_member: c.members.has(botUserId), created: c.created, creator: c.creator,
    topic: { value: c.topic, creator: botUserId, last_set: c.created }, purpose: { value: '', creator: '', last_set: 0 },
    num_members: c.members.size,
  };
}

/** Slack leaves message metadata out of history unless the caller asks for it (`include_all_metadata`). */
/** Slack's cursor paging: the cursor is opaque to callers; here it is the offset of the next page. */
export function page<T>(items: readonly T[], args: Args, defaultLimit: number): { items: T[]; has_more: boolean; response_metadata: { next_cursor: string } } {
  const start = Number(Buffer.from(str(args.cursor), 'base64').toString('utf8').replace(/^offset:/, '') || 0);
  const limit = Math.max(1, Math.min(1000, Number(str(args.limit) || defaultLimit)));
  const end = start + limit;
  const more = end < items.length;
  return { items: items.slice(start, end), has_more: more, response_metadata: { next_cursor: more ? Buffer.from(`offset:${end}`).toString('base64') : '' } };
}

export function messageJson(m: FakeMessage, withMetadata: boolean): Body {
  const { metadata, ...rest } = m;
  return withMetadata && metadata ? { ...rest, metadata } : { ...rest };
}
