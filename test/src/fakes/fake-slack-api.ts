/**
 * A fake Slack Web API on 127.0.0.1 for tests, built from Slack's documented wire formats: POST
 * `/api/<method>` with a form-urlencoded or JSON body, `Authorization: Bearer xoxb-…` (or a `token`
 * field), answers HTTP 200 `{ ok: true, … }` or `{ ok: false, error }`; HTTP 429 + Retry-After when
 * rate limited; HTTP 404 `unknown_method` for anything it does not implement.
 *
 *   const slack = await FakeSlackApi.start();        // random port
 *   slack.url                                        // pass as SLACK_API_URL: http://127.0.0.1:PORT/api/
 *   slack.botToken, slack.teamId, slack.botUserId    // the one installed bot
 *   slack.addChannel({ name, private?, members? })   // → channel id; slack.addUser({ id, name, … })
 *   slack.messagesIn(channel), slack.ephemeralsIn(channel), slack.channel(idOrName), slack.views
 *   slack.calls(method?)                             // every call received, in order (token removed)
 *   slack.failNext(method, error, { times?, extra? })  // HTTP 200 ok:false for the next N calls
 *   slack.rateLimitNext(method, retryAfterSeconds, times?)   // HTTP 429, nothing done
 *   slack.dropConnectionNext(method, times?)        // does the work, then closes the socket unanswered
 *   slack.latencyMs = 1000                           // every call answers this much later
 *   slack.revokeToken(token); slack.addOAuthCode(code)   // token_revoked; oauth.v2.access
 *   slack.postAsUser(channel, user, text, threadTs?)  // a person's message (the test then sends its event)
 *   slack.responseUrl({ channel, user, messageTs? })  // a response_url as Slack puts in payloads
 *   slack.responses(), slack.filesIn(channel)          // what came to response_urls; files shared
 *   slack.messagesIn('dm-u0ana')                     // posts to a user id land in the app's DM with them
 *   await slack.close()
 *
 * Implemented: auth.test, chat.postMessage/update/postEphemeral/getPermalink, conversations.create/
 * invite/setTopic/archive/history/replies/info, pins.add, bookmarks.add, views.open/update/push,
 * users.info, oauth.v2.access, files.getUploadURLExternal/completeUploadExternal with the upload URL
 * between them (POST the bytes; the URL authorises, no token), and response_urls (POST JSON: a
 * `replace_original` replaces the message the button was on, `in_channel` posts, otherwise ephemeral;
 * five uses each, then 404 `used_url`). Any well-formed user id (`U…`/`W…`) is a user; addUser gives it a name.
 * Bad channel names get Slack's specific codes (`invalid_name_specials`, `_maxlength`, `_required`).
 * Scripted faults apply before authentication and in the order queued.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Args = Record<string, unknown>;
type Body = Record<string, unknown>;
export interface FakeMessage { type: 'message'; ts: string; user: string; bot_id?: string; text: string; blocks?: unknown[]; metadata?: { event_type: string; event_payload: Body }; thread_ts?: string; edited?: { user: string; ts: string }; files?: { id: string; name: string; title: string; permalink: string }[] }
export interface FakeFile { id: string; name: string; title: string; length: number; content?: string; permalink: string; channel?: string }
export interface FakeResponse { url: string; channel: string; user: string; body: Body }
export interface FakeChannel { id: string; name: string; isPrivate: boolean; topic: string; members: Set<string>; archived: boolean; pins: string[]; bookmarks: { id: string; title: string; link: string }[]; created: number }
export interface FakeUser { id: string; name: string; realName?: string; displayName?: string; email?: string }
export interface RecordedCall { method: string; args: Args }
type Fault = { kind: 'error'; error: string; extra: Body } | { kind: 'ratelimit'; retryAfter: number } | { kind: 'drop' };

class SlackFailure extends Error {
  constructor(readonly error: string, readonly extra: Body = {}) { super(error); }
}

const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view', 'files'];
const RESPONSE_URL_USES = 5;
const USER_ID = /^[UWB][A-Z0-9]{2,}$/;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const bool = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;

export class FakeSlackApi {
  readonly teamId = 'T0FAKE';
  readonly botUserId = 'U0MUSTER';
  readonly botId = 'B0MUSTER';
  readonly botToken = 'xoxb-fake-0000-muster';
  latencyMs = 0;
  readonly views = new Map<string, Body>();
  private readonly channels = new Map<string, FakeChannel>();
  private readonly messages = new Map<string, FakeMessage[]>();
  private readonly ephemerals = new Map<string, { user: string; text: string; blocks?: unknown[] }[]>();
  private readonly users = new Map<string, FakeUser>();
  private readonly tokens = new Map<string, { revoked: boolean }>([[this.botToken, { revoked: false }]]);
  private readonly oauthCodes = new Set<string>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly received: RecordedCall[] = [];
  private readonly files = new Map<string, FakeFile>();
  private readonly responseUrls = new Map<string, { channel: string; user: string; messageTs?: string; uses: number }>();
  private readonly responded: FakeResponse[] = [];
  private lastMicros = 0;
  private sequence = 0;

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FakeSlackApi> {
    let fake: FakeSlackApi | undefined;
    const server = createServer((req, res) => {
      // A bug in the fake must show up as a failed call, not as an unhandled rejection that kills mocha.
      fake?.handle(req, res).catch(() => (res.headersSent ? res.destroy() : fake?.send(res, 500, { ok: false, error: 'fatal_error' })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSlackApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`);
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- set-up and queries for tests ----
  addChannel(options: { name: string; private?: boolean; members?: string[] }): string {
    return this.createChannel(options.name, options.private ?? false, [this.botUserId, ...(options.members ?? [])]).id;
  }
  addUser(user: FakeUser): void { this.users.set(user.id, user); }
  postAsUser(channel: string, user: string, text: string, threadTs?: string): FakeMessage {
    const id = this.channel(channel)?.id ?? channel;
    const message: FakeMessage = { type: 'message', ts: this.nextTs(), user, text, ...(threadTs ? { thread_ts: threadTs } : {}) };
    this.messages.get(id)?.push(message);
    return message;
  }
  channel(idOrName: string): FakeChannel | undefined {
    return this.channels.get(idOrName) ?? [...this.channels.values()].find((c) => c.name === idOrName.replace(/^#/, ''));
  }
  messagesIn(channel: string): FakeMessage[] { return [...(this.messages.get(this.channel(channel)?.id ?? channel) ?? [])]; }
  ephemeralsIn(channel: string) { return [...(this.ephemerals.get(this.channel(channel)?.id ?? channel) ?? [])]; }
  calls(method?: string): RecordedCall[] { return this.received.filter((c) => method === undefined || c.method === method); }
  failNext(method: string, error: string, options: { times?: number; extra?: Body } = {}): void {
    this.queueFault(method, { kind: 'error', error, extra: options.extra ?? {} }, options.times);
  }
  rateLimitNext(method: string, retryAfterSeconds: number, times = 1): void { this.queueFault(method, { kind: 'ratelimit', retryAfter: retryAfterSeconds }, times); }
  dropConnectionNext(method: string, times = 1): void { this.queueFault(method, { kind: 'drop' }, times); }
  revokeToken(token: string): void { this.tokens.set(token, { revoked: true }); }
  /** A response_url for a payload the test sends: answers land in `channel` for `user` (replacing `messageTs` when asked). */
  responseUrl(target: { channel: string; user: string; messageTs?: string }): string {
    const id = this.nextId('R');
    this.responseUrls.set(id, { ...target, uses: 0 });
    return `${this.origin}/respond/${id}`;
  }
  responses(): FakeResponse[] { return [...this.responded]; }
  /** Files shared into a channel, with their uploaded content. */
  filesIn(channel: string): FakeFile[] {
    const id = this.channel(channel)?.id ?? channel;
    return [...this.files.values()].filter((f) => f.channel === id);
  }
  addOAuthCode(code: string): void { this.oauthCodes.add(code); }

  private queueFault(method: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(method, queue);
  }

  private get origin(): string { return new URL(this.url).origin; }

  // ---- HTTP ----
  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const upload = /^\/upload\/([A-Z0-9]+)$/.exec(path)?.[1];
    if (upload && req.method === 'POST') return this.receiveUpload(upload, Buffer.concat(chunks), res);
    const respond = /^\/respond\/([A-Z0-9]+)$/.exec(path)?.[1];
    if (respond && req.method === 'POST') return this.receiveResponse(respond, Buffer.concat(chunks).toString('utf8'), res);
    const method = /^\/api\/([A-Za-z0-9._]+)$/.exec(path)?.[1] ?? '';
    const handler = this.handlers[method];
    if (req.method !== 'POST' || !handler) return this.send(res, 404, { ok: false, error: 'unknown_method' });
    let args: Args;
    try {
      args = this.parse(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
    } catch {
      return this.send(res, 200, { ok: false, error: 'invalid_json' });
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? str(args.token);
    delete args.token;
    this.received.push({ method, args });
    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === 'ratelimit') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) });
      return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    if (fault?.kind === 'error') return this.send(res, 200, { ok: false, error: fault.error, ...fault.extra });
    let body: Body;
    try {
      if (method !== 'oauth.v2.access') this.authenticate(token);
      body = { ok: true, ...handler(args) };
    } catch (error) {
      if (!(error instanceof SlackFailure)) throw error;
      body = { ok: false, error: error.error, ...error.extra };
    }
    if (fault?.kind === 'drop') return void req.socket.destroy();
    this.send(res, 200, body);
  }

  /** The upload URL step of files.uploadV2: raw bytes (or a multipart form, taken whole), no token. */
  private receiveUpload(fileId: string, bytes: Buffer, res: ServerResponse): void {
    const file = this.files.get(fileId);
    if (!file || file.content !== undefined) return void this.sendText(res, 404, 'Not Found');
    if (bytes.length !== file.length) return void this.sendText(res, 400, `Expected ${file.length} bytes, got ${bytes.length}`);
    file.content = bytes.toString('utf8');
    this.sendText(res, 200, `OK - ${bytes.length}`);
  }

  private receiveResponse(id: string, raw: string, res: ServerResponse): void {
    const target = this.responseUrls.get(id);
    if (!target) return this.send(res, 404, { ok: false, error: 'expired_url' });
    if (++target.uses > RESPONSE_URL_USES) return this.send(res, 404, { ok: false, error: 'used_url' });
    let body: Body;
    try {
      body = JSON.parse(raw) as Body;
    } catch {
      return this.send(res, 400, { ok: false, error: 'invalid_payload' });
    }
    this.responded.push({ url: `${this.origin}/respond/${id}`, channel: target.channel, user: target.user, body });
    const channel = this.channel(target.channel);
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (channel && bool(body.replace_original) && target.messageTs) {
      const message = this.messages.get(channel.id)?.find((m) => m.ts === target.messageTs);
      if (message) {
        message.text = str(body.text);
        if (blocks) message.blocks = blocks;
      }
    } else if (channel && body.response_type === 'in_channel') {
      this.messages.get(channel.id)?.push({ type: 'message', ts: this.nextTs(), user: this.botUserId, bot_id: this.botId, text: str(body.text), ...(blocks ? { blocks } : {}) });
    } else if (channel) {
      this.ephemerals.get(channel.id)?.push({ user: target.user, text: str(body.text), ...(blocks ? { blocks } : {}) });
    }
    this.send(res, 200, { ok: true });
  }

  private sendText(res: ServerResponse, status: number, text: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  }

  private send(res: ServerResponse, status: number, body: Body): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  /** Slack takes both encodings; in a form, structured fields arrive as JSON strings. */
  private parse(raw: string, contentType: string): Args {
    const args: Args = contentType.includes('application/json') ? (raw ? JSON.parse(raw) : {}) : Object.fromEntries(new URLSearchParams(raw));
    for (const field of JSON_FIELDS) if (typeof args[field] === 'string') args[field] = JSON.parse(args[field] as string);
    return args;
  }

  private authenticate(token: string): void {
    if (!token) throw new SlackFailure('not_authed');
    const known = this.tokens.get(token);
    if (!known || !token.startsWith('xoxb-')) throw new SlackFailure('invalid_auth');
    if (known.revoked) throw new SlackFailure('token_revoked');
  }

  // ---- model helpers ----
  private nextTs(): string {
    this.lastMicros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }
  private nextId(prefix: string): string { return `${prefix}${(++this.sequence).toString(36).toUpperCase().padStart(8, '0')}`; }

  private createChannel(name: string, isPrivate: boolean, members: string[]): FakeChannel {
    const channel: FakeChannel = { id: this.nextId(isPrivate ? 'G' : 'C'), name, isPrivate, topic: '', members: new Set(members), archived: false, pins: [], bookmarks: [], created: Math.floor(Date.now() / 1000) };
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    this.ephemerals.set(channel.id, []);
    return channel;
  }

  /** The app's direct-message channel with a user (`dm-<user id>`), opened on first use as Slack does. */
  private directMessage(user: string): FakeChannel {
    return this.channel(`dm-${user.toLowerCase()}`) ?? this.createChannel(`dm-${user.toLowerCase()}`, true, [this.botUserId, user]);
  }

  /** The channel a call names; private channels the bot is not in do not exist for it, as in Slack. */
  private requireChannel(args: Args, field = 'channel', forWriting = false): FakeChannel {
    const named = str(args[field]);
    // A user id as the channel of chat.postMessage means the app's direct message with that person.
    const channel = this.channel(named) ?? (field === 'channel' && /^[UW][A-Z0-9]{2,}$/.test(named) ? this.directMessage(named) : undefined);
    if (!channel || (channel.isPrivate && !channel.members.has(this.botUserId))) throw new SlackFailure('channel_not_found');
    if (forWriting && channel.archived) throw new SlackFailure('is_archived');
    return channel;
  }

  private requireMessage(channel: FakeChannel, ts: string): FakeMessage {
    const message = this.messages.get(channel.id)?.find((m) => m.ts === ts);
    if (!message) throw new SlackFailure('message_not_found');
    return message;
  }

  private channelJson(c: FakeChannel): Body {
    return {
      id: c.id, name: c.name, name_normalized: c.name, is_channel: !c.isPrivate, is_group: c.isPrivate, is_private: c.isPrivate,
      is_archived: c.archived, is_member: c.members.has(this.botUserId), created: c.created, creator: this.botUserId,
      topic: { value: c.topic, creator: this.botUserId, last_set: c.created }, purpose: { value: '', creator: '', last_set: 0 },
      num_members: c.members.size,
    };
  }

  private messageJson(m: FakeMessage, withMetadata: boolean): Body {
    const { metadata, ...rest } = m;
    return withMetadata && metadata ? { ...rest, metadata } : { ...rest };
  }

  private viewJson(view: Body, id: string, previous: string | null): Body {
    return {
      id, team_id: this.teamId, app_id: 'A0MUSTER', bot_id: this.botId, type: view.type ?? 'modal', callback_id: view.callback_id ?? '',
      private_metadata: view.private_metadata ?? '', title: view.title, submit: view.submit ?? null, close: view.close ?? null,
      blocks: view.blocks ?? [], state: { values: {} }, hash: this.nextId('h'), root_view_id: id, previous_view_id: previous,
      clear_on_close: false, notify_on_close: false, external_id: view.external_id ?? '',
    };
  }

  private userJson(id: string): Body {
    const u = this.users.get(id) ?? { id, name: id.toLowerCase() };
    return {
      id, team_id: this.teamId, name: u.name, real_name: u.realName ?? u.name, deleted: false, is_bot: false, tz: 'Etc/UTC',
      profile: { display_name: u.displayName ?? '', real_name: u.realName ?? u.name, email: u.email ?? `${u.name}@example.com` },
    };
  }

  private requireView(args: Body): Body {
    if (!args.view || typeof args.view !== 'object') throw new SlackFailure('invalid_arguments');
    return args.view as Body;
  }

  // ---- methods ----
  private readonly handlers: Record<string, (args: Args) => Body> = {
    'auth.test': () => ({ url: 'https://fake.slack.com/', team: 'Fake Team', user: 'muster', team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId, is_enterprise_install: false }),

    'chat.postMessage': (args) => {
      const channel = this.requireChannel(args, 'channel', true);
      const blocks = args.blocks as unknown[] | undefined;
      if (!str(args.text) && !blocks?.length) throw new SlackFailure('no_text');
      if (blocks && blocks.length > 50) throw new SlackFailure('invalid_blocks');
      if (str(args.text).length > 40000) throw new SlackFailure('msg_too_long');
      const message: FakeMessage = {
        type: 'message', ts: this.nextTs(), user: this.botUserId, bot_id: this.botId, text: str(args.text),
        ...(blocks ? { blocks } : {}), ...(args.metadata ? { metadata: args.metadata as FakeMessage['metadata'] } : {}),
        ...(args.thread_ts ? { thread_ts: str(args.thread_ts) } : {}),
      };
      if (message.thread_ts) this.requireMessage(channel, message.thread_ts);
      this.messages.get(channel.id)?.push(message);
      return { channel: channel.id, ts: message.ts, message: this.messageJson(message, true) };
    },

    'chat.update': (args) => {
      const channel = this.requireChannel(args, 'channel', true);
      const message = this.requireMessage(channel, str(args.ts));
      if (args.text !== undefined) message.text = str(args.text);
      if (args.blocks !== undefined) message.blocks = args.blocks as unknown[];
      message.edited = { user: this.botUserId, ts: this.nextTs() };
      return { channel: channel.id, ts: message.ts, text: message.text, message: this.messageJson(message, true) };
    },

    'chat.postEphemeral': (args) => {
      const channel = this.requireChannel(args, 'channel', true);
      const user = str(args.user);
      if (!USER_ID.test(user)) throw new SlackFailure('user_not_found');
      if (!channel.members.has(user)) throw new SlackFailure('user_not_in_channel');
      this.ephemerals.get(channel.id)?.push({ user, text: str(args.text), ...(args.blocks ? { blocks: args.blocks as unknown[] } : {}) });
      return { message_ts: this.nextTs() };
    },

    'chat.getPermalink': (args) => {
      const channel = this.requireChannel(args);
      const ts = this.requireMessage(channel, str(args.message_ts)).ts;
      return { channel: channel.id, permalink: `https://fake.slack.com/archives/${channel.id}/p${ts.replace('.', '')}` };
    },

    'conversations.create': (args) => {
      const name = str(args.name);
      if (name === '') throw new SlackFailure('invalid_name_required');
      if (name.length > 80) throw new SlackFailure('invalid_name_maxlength');
      if (!/^[a-z0-9_-]+$/.test(name)) throw new SlackFailure('invalid_name_specials');
      if (this.channel(name)) throw new SlackFailure('name_taken');
      return { channel: this.channelJson(this.createChannel(name, bool(args.is_private), [this.botUserId])) };
    },

    'conversations.invite': (args) => {
      const channel = this.requireChannel(args, 'channel', true);
      if (!channel.members.has(this.botUserId)) throw new SlackFailure('not_in_channel');
      const ids = str(args.users).split(',').map((u) => u.trim()).filter(Boolean);
      if (ids.length === 0 || ids.length > 1000) throw new SlackFailure('invalid_arguments');
      const errors = ids.flatMap((user) => {
        const error = user === this.botUserId ? 'cant_invite_self' : !USER_ID.test(user) ? 'user_not_found' : channel.members.has(user) ? 'already_in_channel' : undefined;
        return error ? [{ user, ok: false, error }] : [];
      });
      const valid = ids.filter((id) => !errors.some((e) => e.user === id));
      if (errors.length > 0 && (!bool(args.force) || valid.length === 0)) throw new SlackFailure(errors[0]?.error ?? 'invalid_arguments', { errors });
      for (const id of valid) channel.members.add(id);
      return { channel: this.channelJson(channel), ...(errors.length > 0 ? { errors } : {}) };
    },

    'conversations.setTopic': (args) => {
      const channel = this.requireChannel(args, 'channel', true);
      if (str(args.topic).length > 250) throw new SlackFailure('too_long');
      channel.topic = str(args.topic);
      return { channel: this.channelJson(channel) };
    },

    'conversations.archive': (args) => {
      const channel = this.requireChannel(args);
      if (channel.archived) throw new SlackFailure('already_archived');
      channel.archived = true;
      return {};
    },

    'conversations.history': (args) => {
      const channel = this.requireChannel(args);
      const oldest = Number(str(args.oldest) || 0);
      const top = (this.messages.get(channel.id) ?? []).filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && Number(m.ts) > oldest).reverse();
      const limit = Number(str(args.limit) || 100);
      return { messages: top.slice(0, limit).map((m) => this.messageJson(m, bool(args.include_all_metadata))), has_more: top.length > limit, response_metadata: { next_cursor: '' } };
    },

    'conversations.replies': (args) => {
      const channel = this.requireChannel(args);
      const parent = this.requireMessage(channel, str(args.ts));
      const oldest = Number(str(args.oldest) || 0);
      const replies = (this.messages.get(channel.id) ?? []).filter((m) => m.thread_ts === parent.ts && m !== parent && Number(m.ts) > oldest);
      const all = [parent, ...replies].slice(0, Number(str(args.limit) || 1000));
      return { messages: all.map((m) => this.messageJson(m, bool(args.include_all_metadata))), has_more: false, response_metadata: { next_cursor: '' } };
    },

    'conversations.info': (args) => ({ channel: this.channelJson(this.requireChannel(args)) }),

    'pins.add': (args) => {
      const channel = this.requireChannel(args, 'channel', true);
      const ts = this.requireMessage(channel, str(args.timestamp)).ts;
      if (channel.pins.includes(ts)) throw new SlackFailure('already_pinned');
      channel.pins.push(ts);
      return {};
    },

    'bookmarks.add': (args) => {
      const channel = this.requireChannel(args, 'channel_id', true);
      if (str(args.type) !== 'link' || !/^https?:\/\//.test(str(args.link))) throw new SlackFailure('invalid_link');
      const bookmark = { id: this.nextId('Bk'), title: str(args.title), link: str(args.link) };
      channel.bookmarks.push(bookmark);
      return { bookmark: { ...bookmark, channel_id: channel.id, type: 'link', date_created: Math.floor(Date.now() / 1000) } };
    },

    'views.open': (args) => {
      if (!str(args.trigger_id)) throw new SlackFailure('invalid_trigger_id');
      const id = this.nextId('V');
      const view = this.viewJson(this.requireView(args), id, null);
      this.views.set(id, view);
      return { view };
    },

    'views.push': (args) => {
      if (!str(args.trigger_id)) throw new SlackFailure('invalid_trigger_id');
      const id = this.nextId('V');
      const view = this.viewJson(this.requireView(args), id, null);
      this.views.set(id, view);
      return { view };
    },

    'views.update': (args) => {
      const id = str(args.view_id) || [...this.views.values()].find((v) => v.external_id && v.external_id === str(args.external_id))?.id;
      const current = typeof id === 'string' ? this.views.get(id) : undefined;
      if (!current || typeof id !== 'string') throw new SlackFailure('not_found');
      if (args.hash && args.hash !== current.hash) throw new SlackFailure('hash_conflict');
      const view = this.viewJson(this.requireView(args), id, str(current.previous_view_id) || null);
      this.views.set(id, view);
      return { view };
    },

    'users.info': (args) => {
      const user = str(args.user);
      if (!USER_ID.test(user)) throw new SlackFailure('user_not_found');
      return { user: this.userJson(user) };
    },

    'files.getUploadURLExternal': (args) => {
      const length = Number(str(args.length));
      if (!str(args.filename) || !Number.isInteger(length) || length <= 0) throw new SlackFailure('invalid_arguments');
      const id = this.nextId('F');
      this.files.set(id, { id, name: str(args.filename), title: str(args.filename), length, permalink: `https://fake.slack.com/files/${this.botUserId}/${id}/${encodeURIComponent(str(args.filename))}` });
      return { upload_url: `${this.origin}/upload/${id}`, file_id: id };
    },

    'files.completeUploadExternal': (args) => {
      const listed = Array.isArray(args.files) ? (args.files as Body[]) : [];
      if (listed.length === 0) throw new SlackFailure('invalid_arguments');
      const files = listed.map((f) => {
        const file = this.files.get(str(f.id));
        if (!file || file.content === undefined) throw new SlackFailure('file_not_found');
        if (f.title) file.title = str(f.title);
        return file;
      });
      if (args.channel_id) {
        const channel = this.requireChannel(args, 'channel_id', true);
        for (const file of files) file.channel = channel.id;
        this.messages.get(channel.id)?.push({
          type: 'message', ts: this.nextTs(), user: this.botUserId, bot_id: this.botId, text: str(args.initial_comment),
          files: files.map((f) => ({ id: f.id, name: f.name, title: f.title, permalink: f.permalink })),
        });
      }
      return { files: files.map((f) => ({ id: f.id, name: f.name, title: f.title, permalink: f.permalink, size: f.length })) };
    },

    'oauth.v2.access': (args) => {
      const code = str(args.code);
      if (!this.oauthCodes.delete(code)) throw new SlackFailure('invalid_code');
      const token = `xoxb-fake-${this.nextId('')}`;
      this.tokens.set(token, { revoked: false });
      return {
        access_token: token, token_type: 'bot', scope: 'commands,chat:write', bot_user_id: this.botUserId, app_id: 'A0MUSTER',
        team: { id: this.teamId, name: 'Fake Team' }, enterprise: null, is_enterprise_install: false, authed_user: { id: 'U0INSTALLER' },
      };
    },
  };
}
