/**
 * A fake Bot Connector (REST API v3, as Teams serves it) on 127.0.0.1, from Microsoft's documented
 * wire format: `POST /v3/conversations` (a new thread in a channel with `channelData.channel.id`
 * and `isGroup: true`, or a 1:1 with one member and the tenant), `POST …/{id}/activities` (send),
 * `POST …/activities/{activityId}` (reply), `PUT` (update), `DELETE`, `GET …/members[/{id}]`.
 * Conversation ids arrive URL-encoded. Every call needs `Authorization: Bearer <botToken>` unless
 * the fake is anonymous; errors are `{ error: { code, message } }`.
 *
 *   const bc = await FakeBotConnector.start(tenant)    // tenant: a FakeTeamsTenant (shared with FakeGraph)
 *   bc.serviceUrl                                       // http://127.0.0.1:PORT/ (add bc.host to TEAMS_TRUSTED_HOSTS)
 *   bc.messagesIn(conversationId)                       // what Teams shows there, oldest first
 *   bc.calls('send message'), bc.failNext('send message', { status: 429, retryAfter: '7' })
 *   bc.acceptFile(userAadId, name)                      // the uploadInfo of an accepted file consent (fake-file-uploads.ts)
 */
import { FakeFileUploads } from './fake-file-uploads';
import { FakeHttpServer, type Fault, type RecordedRequest, type Route, ServiceError } from './fake-http-server';
import { FakeTeamsTenant, type FakeTeamsMessage, type Json, THREAD } from './fake-teams-tenant';

interface Conversation { kind: 'channel' | 'thread' | 'chat' | 'personal'; container: string; root?: string; members: string[] }

export class FakeBotConnector {
  readonly botToken = 'fake-bot-connector-token';
  /**
   * Users (AAD ids) who have not installed the app in their personal scope: Teams refuses to open a
   * 1:1 with them (403), as it does for a user the bot shares no team with.
   */
  readonly notInstalledFor = new Set<string>();

  /** `uploads`: the people's OneDrives, where accepted files are uploaded (fake-file-uploads.ts). */
  private constructor(private readonly http: FakeHttpServer, readonly tenant: FakeTeamsTenant, readonly uploads: FakeFileUploads) {}

  /** The uploadInfo Teams sends with an accepted file consent: a fresh session in the user's OneDrive. */
  acceptFile(userId: string, name: string): ReturnType<FakeFileUploads['session']> {
    return this.uploads.session(this.http.origin, this.tenant.user(userId)?.id ?? userId, name);
  }

  /**
   * `acceptToken` lets the connector take the bot tokens another authority issues (a FakeEntra's
   * client-credentials tokens for `https://api.botframework.com`); by default only `botToken`.
   */
  static async start(tenant = new FakeTeamsTenant(), options: { anonymous?: boolean; acceptToken?: (token: string) => boolean } = {}): Promise<FakeBotConnector> {
    const started: { fake?: FakeBotConnector } = {};
    const uploads = new FakeFileUploads();
    const routes = [...connectorRoutes(() => started.fake!), ...uploads.routes()];
    const http = await FakeHttpServer.start(routes, (authorization, route) => {
      // An upload URL is pre-authorised: it takes no token (and a sent one is recorded, for tests to refuse).
      if (options.anonymous || route.rawBody) return;
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
      if (token !== started.fake!.botToken && !options.acceptToken?.(token)) throw new ServiceError(401, 'Unauthorized', 'Authorization has been denied for this request.');
    });
    started.fake = new FakeBotConnector(http, tenant, uploads);
    return started.fake;
  }

  get serviceUrl(): string { return `${this.http.origin}/`; }
  get host(): string { return this.http.host; }
  calls(operation?: string): RecordedRequest[] { return this.http.calls(operation); }
  failNext(operation: string, fault: Fault, times = 1): void { this.http.failNext(operation, fault, times); }
  dropConnectionNext(operation: string): void { this.http.dropConnectionNext(operation); }
  hangNext(operation: string): void { this.http.hangNext(operation); }
  set onRequest(listener: ((request: RecordedRequest) => void) | undefined) { this.http.onRequest = listener; }
  messagesIn(conversationId: string): FakeTeamsMessage[] { return this.tenant.messagesIn(conversationId); }
  close(): Promise<void> { return this.http.close(); }

  /** The conversation an id names, as the bot may use it; ServiceError otherwise. */
  conversation(id: string): Conversation {
    const tenant = this.tenant;
    const at = id.indexOf(THREAD);
    const container = at < 0 ? id : id.slice(0, at);
    const channel = tenant.channels.get(container);
    if (channel && !channel.deleted) {
      const members = channel.membershipType === 'private' ? [...channel.members] : [...tenant.users.keys()];
      if (at < 0) return { kind: 'channel', container, members };
      const root = id.slice(at + THREAD.length);
      if (!tenant.message(container, root) || tenant.message(container, root)?.replyToId) throw notFound();
      return { kind: 'thread', container, root, members };
    }
    const chat = tenant.chats.get(id);
    if (chat) {
      if (chat.installedApps.size === 0) throw new ServiceError(403, 'BotNotInConversationRoster', 'The bot is not part of the conversation roster.');
      return { kind: 'chat', container: id, members: [...chat.members] };
    }
    const user = [...tenant.personal.entries()].find(([, conv]) => conv === id)?.[0];
    if (user) return { kind: 'personal', container: id, members: [user] };
    throw notFound();
  }

  memberJson(userId: string): Json {
    const user = this.tenant.users.get(userId);
    return { id: user?.botFrameworkId ?? `29:${userId}`, aadObjectId: userId, name: user?.displayName ?? userId, email: user?.mail ?? null, userPrincipalName: user?.userPrincipalName ?? null, tenantId: this.tenant.tenantId, userRole: 'user' };
  }
}

const notFound = () => new ServiceError(404, 'ConversationNotFound', 'Conversation not found.');

function requireMessageActivity(body: Json): Json {
  if (body.type !== 'message') throw new ServiceError(400, 'BadArgument', 'Activity type must be message.');
  if (JSON.stringify(body).length > 100_000) throw new ServiceError(413, 'MessageSizeTooBig', 'Message size too big.');
  return body;
}

function connectorRoutes(fake: () => FakeBotConnector): Route[] {
  const post = (id: string, activity: Json, replyTo?: string) => {
    const conversation = fake().conversation(id);
    // Teams threads a channel reply under the root its conversation id names (`;messageid=`), else
    // under the thread of the message replied to; a replyToId naming no message (a conversationUpdate's,
    // as the SDK sets it for a greeting) makes a new post in the channel.
    const repliedTo = replyTo ? fake().tenant.message(conversation.container, replyTo) : undefined;
    const root = conversation.root ?? (repliedTo ? repliedTo.replyToId ?? repliedTo.id : undefined);
    const inThread = conversation.kind === 'channel' || conversation.kind === 'thread' ? root : undefined;
    return { body: { id: fake().tenant.post(conversation.container, 'bot', requireMessageActivity(activity), inThread).id } };
  };
  const ownMessage = (id: string, activityId: string) => {
    const conversation = fake().conversation(id);
    const message = fake().tenant.message(conversation.container, activityId);
    if (!message || message.deleted) throw new ServiceError(404, 'ActivityNotFound', 'Activity not found.');
    if (message.from !== 'bot') throw new ServiceError(403, 'Forbidden', 'The bot can only change its own messages.');
    return message;
  };
  return [
    {
      method: 'POST', pattern: /^\/v3\/conversations$/, operation: 'create conversation',
      handle: (_p, body) => {
        const tenant = fake().tenant;
        const channelId = ((body.channelData as Json | undefined)?.channel as Json | undefined)?.id;
        const activity = body.activity as Json | undefined;
        if (typeof channelId === 'string') {
          if (body.isGroup !== true) throw new ServiceError(400, 'BadArgument', 'A channel conversation must be a group.');
          const channel = tenant.channels.get(channelId);
          if (!channel || channel.deleted) throw notFound();
          if (!activity) throw new ServiceError(400, 'BadArgument', 'A new channel thread needs an activity.');
          const root = tenant.post(channelId, 'bot', requireMessageActivity(activity));
          return { status: 201, body: { id: `${channelId}${THREAD}${root.id}`, activityId: root.id } };
        }
        const members = Array.isArray(body.members) ? (body.members as Json[]) : [];
        if (body.isGroup !== false || members.length !== 1) throw new ServiceError(400, 'BadArgument', 'Bots can only create 1:1 conversations or channel threads.');
        if (body.tenantId !== tenant.tenantId && (body.channelData as Json | undefined)?.tenant === undefined) throw new ServiceError(400, 'BadArgument', 'Tenant id is required.');
        const memberId = tenant.user(String(members[0]?.id ?? ''))?.id;
        if (!memberId) throw new ServiceError(404, 'MemberNotFoundInConversation', 'User not found.');
        if (fake().notInstalledFor.has(memberId)) throw new ServiceError(403, 'Forbidden', 'The bot is not installed in the user\'s personal scope.');
        const id = tenant.personalChatWith(memberId);
        const activityId = activity ? tenant.post(id, 'bot', requireMessageActivity(activity)).id : undefined;
        return { status: 201, body: { id, ...(activityId ? { activityId } : {}) } };
      },
    },
    { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities$/, operation: 'send message', handle: ([id], body) => ({ status: 201, ...post(id!, body) }) },
    { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, operation: 'reply', handle: ([id, activityId], body) => ({ status: 201, ...post(id!, body, activityId) }) },
    {
      method: 'PUT', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, operation: 'update message',
      handle: ([id, activityId], body) => {
        const message = ownMessage(id!, activityId!);
        message.activity = requireMessageActivity(body);
        message.edits++;
        return { body: { id: message.id } };
      },
    },
    {
      method: 'DELETE', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, operation: 'delete message',
      handle: ([id, activityId]) => {
        ownMessage(id!, activityId!).deleted = true;
        return {};
      },
    },
    { method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/members$/, operation: 'get members', handle: ([id]) => ({ body: fake().conversation(id!).members.map((m) => fake().memberJson(m)) }) },
    {
      method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/, operation: 'get member',
      handle: ([id, memberId]) => {
        const wanted = fake().tenant.user(memberId!)?.id ?? memberId!;
        if (!fake().conversation(id!).members.includes(wanted)) throw new ServiceError(404, 'MemberNotFoundInConversation', 'Member not found in conversation.');
        return { body: fake().memberJson(wanted) };
      },
    },
  ];
}
