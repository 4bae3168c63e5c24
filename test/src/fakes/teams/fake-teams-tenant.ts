/**
 * One Microsoft 365 tenant as both fake services see it (fake-bot-connector.ts and fake-graph.ts
 * share it): a team with channels, group chats, users, and every message in them, with the ids
 * Teams uses: channels `19:…@thread.tacv2`, group chats `19:…@thread.v2`, a bot's 1:1 `a:…`, a
 * thread `<channel>;messageid=<root id>`, message ids as increasing millisecond-like numbers.
 * Deleted channels stay counted against the team's limit, as Teams counts them for 30 days.
 */
export type Json = Record<string, unknown>;

/** A Microsoft Entra group with its member users (the fake has no nested groups or devices). */
export interface FakeTeamsGroup { id: string; displayName: string; mail: string; members: string[] }

export interface FakeTeamsUser {
  /** The AAD object id. */
  id: string;
  displayName: string; mail?: string; userPrincipalName: string; mailNickname?: string;
  /** The user's Bot Framework id (`29:…`), what activities carry in `from.id`; default `29:<AAD id>`. */
  botFrameworkId?: string;
}

/** Ids a tenant is made with, for suites whose activities name fixed ones. */
export interface FakeTeamsTenantIds { tenantId?: string; appId?: string; teamId?: string; generalChannelId?: string }
export interface FakeTeamsChannel {
  id: string; teamId: string; displayName: string; description: string; membershipType: 'standard' | 'private';
  members: Set<string>; archived: boolean; deleted: boolean; createdDateTime: string;
}
export interface FakeTeamsChat { id: string; topic: string; chatType: 'group'; members: Set<string>; installedApps: Set<string>; createdDateTime: string }
export interface FakeTeamsMessage {
  id: string;
  /** The channel, chat or 1:1 the message is in (never a thread id). */
  container: string;
  /** For channel replies: the thread's root message. */
  replyToId?: string;
  /** Who posted it: `bot` or a user's AAD id. */
  from: string;
  activity: Json;
  createdDateTime: string;
  edits: number;
  deleted: boolean;
}

export const THREAD = ';messageid=';

export class FakeTeamsTenant {
  readonly tenantId: string;
  readonly appId: string;
  readonly teamId: string;
  readonly users = new Map<string, FakeTeamsUser>();
  readonly groups = new Map<string, FakeTeamsGroup>();
  readonly channels = new Map<string, FakeTeamsChannel>();
  readonly chats = new Map<string, FakeTeamsChat>();
  /** User AAD id → the bot's 1:1 conversation with them. */
  readonly personal = new Map<string, string>();
  readonly messages: FakeTeamsMessage[] = [];
  /** The team's channel limit, deleted channels included (Teams: 1,000). */
  channelLimit = 1000;
  private lastId = Date.now();
  private sequence = 0;

  /** The team's General channel. */
  readonly general: FakeTeamsChannel;

  constructor(ids: FakeTeamsTenantIds = {}) {
    this.tenantId = ids.tenantId ?? '72f988bf-0000-4000-8000-00000000fake';
    this.appId = ids.appId ?? '00000000-0000-4000-8000-0000000muster';
    this.teamId = ids.teamId ?? 'c4e8a1f0-0000-4000-8000-000000000team';
    this.general = this.addChannel('General', ids.generalChannelId ? { id: ids.generalChannelId } : {});
  }

  nextMessageId(): string { return String(this.lastId = Math.max(Date.now(), this.lastId + 1)); }
  nextToken(prefix: string): string { return `${prefix}${(++this.sequence).toString(16).padStart(8, '0')}`; }

  addUser(user: Omit<FakeTeamsUser, 'userPrincipalName'> & { userPrincipalName?: string }): FakeTeamsUser {
    const full = { ...user, userPrincipalName: user.userPrincipalName ?? user.mail ?? `${user.id}@contoso.example` };
    this.users.set(full.id, full);
    return full;
  }

  addGroup(group: FakeTeamsGroup): FakeTeamsGroup {
    this.groups.set(group.id, group);
    return group;
  }

  /** The user an id names: the AAD object id, or the Bot Framework id (`29:…`) activities carry. */
  user(id: string): FakeTeamsUser | undefined {
    return this.users.get(id) ?? [...this.users.values()].find((u) => (u.botFrameworkId ?? `29:${u.id}`) === id) ?? this.users.get(id.replace(/^29:/, ''));
  }

  addChannel(displayName: string, options: { id?: string; membershipType?: 'standard' | 'private'; description?: string; members?: string[] } = {}): FakeTeamsChannel {
    const channel: FakeTeamsChannel = {
      id: options.id ?? `19:${this.nextToken('c')}${'0'.repeat(24)}@thread.tacv2`, teamId: this.teamId, displayName, description: options.description ?? '',
      membershipType: options.membershipType ?? 'standard', members: new Set(options.members ?? []), archived: false, deleted: false, createdDateTime: new Date().toISOString(),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  addChat(topic: string, members: string[], id?: string): FakeTeamsChat {
    const chat: FakeTeamsChat = { id: id ?? `19:${this.nextToken('g')}${'0'.repeat(24)}@thread.v2`, topic, chatType: 'group', members: new Set(members), installedApps: new Set(), createdDateTime: new Date().toISOString() };
    this.chats.set(chat.id, chat);
    return chat;
  }

  channelNamed(name: string): FakeTeamsChannel | undefined {
    return [...this.channels.values()].find((c) => !c.deleted && c.displayName.toLowerCase() === name.toLowerCase());
  }

  personalChatWith(userId: string): string {
    let id = this.personal.get(userId);
    if (!id) this.personal.set(userId, (id = `a:1${this.nextToken('p')}${userId.replace(/-/g, '').slice(0, 16)}`));
    return id;
  }

  /** A message appears; `id` only for one a suite names itself (a person's message it then delivers as an activity). */
  post(container: string, from: string, activity: Json, replyToId?: string, id?: string): FakeTeamsMessage {
    const message: FakeTeamsMessage = { id: id ?? this.nextMessageId(), container, from, activity, createdDateTime: new Date().toISOString(), edits: 0, deleted: false, ...(replyToId ? { replyToId } : {}) };
    this.messages.push(message);
    return message;
  }

  message(container: string, id: string): FakeTeamsMessage | undefined {
    return this.messages.find((m) => m.container === container && m.id === id);
  }

  /**
   * What a person sees in a conversation, oldest first, deleted ones left out: a channel's root
   * posts, a thread's root and replies, or every message of a chat.
   */
  messagesIn(conversationId: string): FakeTeamsMessage[] {
    const at = conversationId.indexOf(THREAD);
    const container = at < 0 ? conversationId : conversationId.slice(0, at);
    const root = at < 0 ? undefined : conversationId.slice(at + THREAD.length);
    return this.messages.filter((m) => m.container === container && !m.deleted && (root ? m.id === root || m.replyToId === root : !this.channels.has(container) || !m.replyToId));
  }

  /** Graph's chatMessage for a message: card content comes back as a JSON string. */
  chatMessageJson(message: FakeTeamsMessage): Json {
    const attachments = Array.isArray(message.activity.attachments) ? (message.activity.attachments as Json[]) : [];
    return {
      id: message.id, replyToId: message.replyToId ?? null, messageType: 'message', createdDateTime: message.createdDateTime,
      lastModifiedDateTime: message.createdDateTime, deletedDateTime: null,
      from: message.from === 'bot' ? { application: { id: this.appId, displayName: 'Muster' }, user: null } : { user: { id: message.from }, application: null },
      body: { contentType: 'html', content: typeof message.activity.text === 'string' ? message.activity.text : '<attachment></attachment>' },
      attachments: attachments.map((a, i) => ({ id: `${message.id}-${i}`, contentType: a.contentType, content: a.content === undefined ? null : JSON.stringify(a.content) })),
    };
  }
}
