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
 *   slack.addUserGroup({ handle, name, users })      // → S… id (usergroups.list / usergroups.users.list)
 *   slack.messagesIn(channel), slack.ephemeralsIn(channel), slack.channel(idOrName), slack.views
 *   slack.calls(method?)                             // every call received, in order (token removed)
 *   slack.failNext(method, error, { times?, extra? })  // HTTP 200 ok:false for the next N calls
 *   slack.rateLimitNext(method, retryAfterSeconds, times?)   // HTTP 429, nothing done
 *   slack.dropConnectionNext(method, times?)        // does the work, then closes the socket unanswered
 *   slack.failAfterWorkNext(method, status?, times?) // does the work, then answers HTTP 500 (or `status`)
 *   slack.hangAfterWorkNext(method, times?)         // does the work, then never answers (the caller times out)
 *   const release = slack.holdNext(method)          // holds the next call before doing it, until release()
 *   slack.latencyMs = 1000                           // every call answers this much later
 *   const release = slack.holdAll()                 // holds every Web API call until release() (an ack that waited on Slack never comes)
 *   slack.onCall = (method) => …                    // told of each call as it arrives, before it is done
 *   slack.revokeToken(token); slack.addOAuthCode(code)   // token_revoked; oauth.v2.access
 *   slack.postAsUser(channel, user, text, threadTs?)  // a person's message (the test then sends its event)
 *   slack.responseUrl({ channel, user, messageTs? })  // a response_url as Slack puts in payloads
 *   slack.responses(), slack.filesIn(channel)          // what came to response_urls; files shared
 *   slack.messagesIn('dm-u0ana')                     // posts to a user id land in the app's DM with them
 *   await slack.close()
 *
 * This file is the HTTP side: the server, request parsing, authentication, scripted faults and the
 * helpers above. The methods it implements are in fake-slack-methods.ts, the workspace they act on
 * in fake-slack-state.ts. Besides `/api/<method>` it serves the files.uploadV2 upload URL (POST the
 * bytes; the URL authorises, no token) and response_urls (POST JSON: a `replace_original` replaces
 * the message the button was on, `in_channel` posts, otherwise ephemeral; five uses each, then 404
 * `used_url`). Scripted faults apply before authentication and in the order queued.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { slackMethods, type SlackMethod } from './fake-slack-methods';
import { FakeSlackWorkspace, INSTALLED_BOT, SlackFailure, bool, str, type Args, type Body, type FakeChannel, type FakeFile, type FakeMessage, type FakeResponse, type FakeUser, type FakeUserGroup } from './fake-slack-state';

export type { FakeChannel, FakeFile, FakeMessage, FakeResponse, FakeUser, FakeUserGroup } from './fake-slack-state';
export interface RecordedCall { method: string; args: Args }
type Fault = { kind: 'error'; error: string; extra: Body } | { kind: 'ratelimit'; retryAfter: number } | { kind: 'drop' } | { kind: 'http-error'; status: number } | { kind: 'hang' } | { kind: 'hold'; released: Promise<void> };

/** Fields Slack takes as JSON even in a form-urlencoded body. */
const JSON_FIELDS = ['blocks', 'attachments', 'metadata', 'view', 'files'];
const RESPONSE_URL_USES = 5;

export class FakeSlackApi {
  readonly teamId = INSTALLED_BOT.teamId;
  readonly botUserId = INSTALLED_BOT.botUserId;
  readonly botId = INSTALLED_BOT.botId;
  readonly botToken = INSTALLED_BOT.botToken;
  latencyMs = 0;
  /** Set while every call is held (holdAll): each waits for it before being read. */
  private allHeld: Promise<void> | undefined;
  /** Told of every call as it arrives, before it is done (a test can kill the caller right there). */
  onCall: ((method: string) => void) | undefined;
  readonly views: Map<string, Body>;
  private readonly workspace: FakeSlackWorkspace;
  private readonly handlers: Record<string, SlackMethod>;
  private readonly faults = new Map<string, Fault[]>();
  private readonly received: RecordedCall[] = [];
  /** Methods called with an app-level token (xapp-…) instead of the bot's, e.g. apps.connections.open. */
  private readonly appLevel = new Map<string, { token: string; handler: () => Body }>();

  private constructor(private readonly server: Server, readonly url: string) {
    this.workspace = new FakeSlackWorkspace();
    this.views = this.workspace.views;
    this.handlers = slackMethods(this.workspace, this.origin);
  }

  static async start(): Promise<FakeSlackApi> {
    const server = createServer((req, res) => {
      // A bug in the fake must show up as a failed call, not as an unhandled rejection that kills mocha.
      fake?.handle(req, res).catch(() => (res.headersSent ? res.destroy() : fake?.send(res, 500, { ok: false, error: 'fatal_error' })));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeSlackApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`);
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- set-up and queries for tests ----
  /** A channel a person made (`creator`, default a workspace admin), with the bot in it. */
  addChannel(options: { name: string; private?: boolean; members?: string[]; creator?: string }): string {
    return this.workspace.createChannel(options.name, options.private ?? false, [this.botUserId, ...(options.members ?? [])], options.creator ?? 'U0WSADMIN').id;
  }
  addUser(user: FakeUser): void { this.workspace.users.set(user.id, user); }
  /** A user group with its members; returns its `S…` id. */
  addUserGroup(group: Omit<FakeUserGroup, 'id'>): string {
    const id = this.workspace.nextId('S');
    this.workspace.userGroups.set(id, { ...group, id });
    return id;
  }
  postAsUser(channel: string, user: string, text: string, threadTs?: string): FakeMessage {
    const id = this.channel(channel)?.id ?? channel;
    const message: FakeMessage = { type: 'message', ts: this.workspace.nextTs(), user, text, ...(threadTs ? { thread_ts: threadTs } : {}) };
    this.workspace.messages.get(id)?.push(message);
    return message;
  }
  channel(idOrName: string): FakeChannel | undefined {
    return this.workspace.channel(idOrName);
  }
  /** Every channel id (DMs included), for checks that nothing was posted anywhere. */
  channelIds(): string[] { return [...this.workspace.channels.keys(), ...this.workspace.messages.keys()].filter((id, i, all) => all.indexOf(id) === i); }
  fileCount(): number { return this.workspace.files.size; }
  /** Every channel, archived ones included, oldest first. */
  allChannels(): FakeChannel[] { return [...this.workspace.channels.values()]; }
  messagesIn(channel: string): FakeMessage[] { return [...(this.workspace.messages.get(this.channel(channel)?.id ?? channel) ?? [])]; }
  ephemeralsIn(channel: string) { return [...(this.workspace.ephemerals.get(this.channel(channel)?.id ?? channel) ?? [])]; }
  calls(method?: string): RecordedCall[] { return this.received.filter((c) => method === undefined || c.method === method); }
  failNext(method: string, error: string, options: { times?: number; extra?: Body } = {}): void {
    this.queueFault(method, { kind: 'error', error, extra: options.extra ?? {} }, options.times);
  }
  rateLimitNext(method: string, retryAfterSeconds: number, times = 1): void { this.queueFault(method, { kind: 'ratelimit', retryAfter: retryAfterSeconds }, times); }
  dropConnectionNext(method: string, times = 1): void { this.queueFault(method, { kind: 'drop' }, times); }
  failAfterWorkNext(method: string, status = 500, times = 1): void { this.queueFault(method, { kind: 'http-error', status }, times); }
  hangAfterWorkNext(method: string, times = 1): void { this.queueFault(method, { kind: 'hang' }, times); }
  /** The next call of `method` waits (undone, unanswered) until the returned function is called: a worker that is still running. */
  holdNext(method: string): () => void {
    let release: () => void = () => undefined;
    this.queueFault(method, { kind: 'hold', released: new Promise<void>((resolve) => { release = resolve; }) });
    return () => release();
  }
  revokeToken(token: string): void { this.workspace.tokens.set(token, { revoked: true }); }
  /** A response_url for a payload the test sends: answers land in `channel` for `user` (replacing `messageTs` when asked). */
  responseUrl(target: { channel: string; user: string; messageTs?: string }): string {
    const id = this.workspace.nextId('R');
    this.workspace.responseUrls.set(id, { ...target, uses: 0 });
    return `${this.origin}/respond/${id}`;
  }
  responses(): FakeResponse[] { return [...this.workspace.responded]; }
  /** Files shared into a channel, with their uploaded content. */
  filesIn(channel: string): FakeFile[] {
    const id = this.channel(channel)?.id ?? channel;
    return [...this.workspace.files.values()].filter((f) => f.channel === id);
  }
  addOAuthCode(code: string): void { this.workspace.oauthCodes.add(code); }
  /** Serves `method` to callers presenting `appToken` (Socket Mode's apps.connections.open; see fake-slack-socket.ts). */
  serveAppLevel(method: string, appToken: string, handler: () => Body): void { this.appLevel.set(method, { token: appToken, handler }); }

  /**
   * Holds every call (Web API, uploads, response_urls) until the returned function is called: what the
   * server answers meanwhile cannot have waited on Slack. Releasing twice is harmless.
   */
  holdAll(): () => void {
    let release!: () => void;
    this.allHeld = new Promise<void>((resolve) => { release = resolve; });
    return () => {
      this.allHeld = undefined;
      release();
    };
  }

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
    if (this.allHeld) await this.allHeld;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const upload = /^\/upload\/([A-Z0-9]+)$/.exec(path)?.[1];
    if (upload && req.method === 'POST') return this.receiveUpload(upload, Buffer.concat(chunks), res);
    const respond = /^\/respond\/([A-Z0-9]+)$/.exec(path)?.[1];
    if (respond && req.method === 'POST') return this.receiveResponse(respond, Buffer.concat(chunks).toString('utf8'), res);
    const method = /^\/api\/([A-Za-z0-9._]+)$/.exec(path)?.[1] ?? '';
    const appLevel = this.appLevel.get(method);
    if (appLevel && req.method === 'POST') {
      this.received.push({ method, args: {} });
      const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      return this.send(res, 200, presented === appLevel.token ? { ok: true, ...appLevel.handler() } : { ok: false, error: 'invalid_auth' });
    }
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
    this.onCall?.(method);
    const fault = this.faults.get(method)?.shift();
    if (fault?.kind === 'ratelimit') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) });
      return void res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    if (fault?.kind === 'error') return this.send(res, 200, { ok: false, error: fault.error, ...fault.extra });
    if (fault?.kind === 'hold') await fault.released;
    let body: Body;
    try {
      if (method !== 'oauth.v2.access') this.authenticate(token);
      body = { ok: true, ...handler(args) };
    } catch (error) {
      if (!(error instanceof SlackFailure)) throw error;
      body = { ok: false, error: error.error, ...error.extra };
    }
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'http-error') return this.sendText(res, fault.status, 'Internal Server Error');
    // The answer is never sent; close() ends the connection.
    if (fault?.kind === 'hang') return;
    this.send(res, 200, body);
  }

  /** The upload URL step of files.uploadV2: raw bytes (or a multipart form, taken whole), no token. */
  private receiveUpload(fileId: string, bytes: Buffer, res: ServerResponse): void {
    const file = this.workspace.files.get(fileId);
    if (!file || file.content !== undefined) return void this.sendText(res, 404, 'Not Found');
    if (bytes.length !== file.length) return void this.sendText(res, 400, `Expected ${file.length} bytes, got ${bytes.length}`);
    file.content = bytes.toString('utf8');
    this.sendText(res, 200, `OK - ${bytes.length}`);
  }

  private receiveResponse(id: string, raw: string, res: ServerResponse): void {
    const target = this.workspace.responseUrls.get(id);
    if (!target) return this.send(res, 404, { ok: false, error: 'expired_url' });
    if (++target.uses > RESPONSE_URL_USES) return this.send(res, 404, { ok: false, error: 'used_url' });
    let body: Body;
    try {
      body = JSON.parse(raw) as Body;
    } catch {
      return this.send(res, 400, { ok: false, error: 'invalid_payload' });
    }
    this.workspace.responded.push({ url: `${this.origin}/respond/${id}`, channel: target.channel, user: target.user, body });
    const channel = this.channel(target.channel);
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (channel && bool(body.replace_original) && target.messageTs) {
      const message = this.workspace.messages.get(channel.id)?.find((m) => m.ts === target.messageTs);
      if (message) {
        message.text = str(body.text);
        if (blocks) message.blocks = blocks;
      }
    } else if (channel && body.response_type === 'in_channel') {
      this.workspace.messages.get(channel.id)?.push({ type: 'message', ts: this.workspace.nextTs(), user: this.botUserId, bot_id: this.botId, text: str(body.text), ...(blocks ? { blocks } : {}) });
    } else if (channel) {
      this.workspace.ephemerals.get(channel.id)?.push({ user: target.user, text: str(body.text), ...(blocks ? { blocks } : {}) });
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
    const known = this.workspace.tokens.get(token);
    if (!known || !token.startsWith('xoxb-')) throw new SlackFailure('invalid_auth');
    if (known.revoked) throw new SlackFailure('token_revoked');
  }
}
