/**
 * Microsoft 365 Agents Playground (npm `@microsoft/m365agentsplayground`, read and probed at 0.2.28) as a
 * real Teams client in tests: it posts Teams-shaped activities to a bot, serves the Bot Connector the bot
 * replies to, and renders what it got as Teams would. `startPlayground({ botEndpoint })` starts it
 * offline and drives it as its web client does.
 *
 * What we learned about it (nobody else has to read its bundle):
 * - CLI: `cli.js start` (bins `agentsplayground`/`teamsapptester`) with `-p/--port` (default 56150, or
 *   TEAMSAPPTESTER_PORT; an occupied port silently falls back to a random one; 0 means random),
 *   `-e/--app-endpoint` (or BOT_ENDPOINT; default http://127.0.0.1:3978/api/messages), `-c/--channel-id`
 *   msteams|directline|webchat|emulator|agents, `--service-url` (default http://localhost:<port>/_connector),
 *   `--conversation-id`, `--client-id/--client-secret/--tenant-id` (then it sends real Entra tokens: not
 *   offline), `--delivery-mode`, `--disable-telemetry`. It listens on every interface and prints
 *   `Listening on <port>` on stdout when stdout is not a terminal; everything else goes only to its log
 *   file (M365_AGENTS_PLAYGROUND_LOGFILE, default ./devTools/m365agentsplayground.log). It reads
 *   `.m365agentsplayground.yml` from its cwd or M365_AGENTS_PLAYGROUND_CONFIG_PATH (the mock tenant).
 * - Offline: TEAMSAPPTESTER_BROWSER=none stops it opening a browser; there is no update check; with
 *   --disable-telemetry it tracks no events (Application Insights still starts: we also set
 *   APPLICATION_INSIGHTS_NO_STATSBEAT). It needs no network at all: playground-kit.spec passes inside
 *   `unshare -n` (a network namespace with loopback only).
 * - Bot side: it POSTs activities to the endpoint with no Authorization header (plus
 *   `x-ms-agents-playground: true`), so the bot must run anonymous. `serviceUrl` is the mock connector
 *   (`/_connector/v3/conversations/{id}/activities` POST, PUT/DELETE `…/{activityId}`, members,
 *   pagedmembers, teams/{id}, create conversation); it checks no token unless given client credentials.
 *   The activity id the bot gets is a fresh UUID per message (Muster's idempotency key
 *   `teams:<conversation>:<activity id>`); the id the client shows for a message is another one.
 * - Client API (what its web UI calls): `POST /_conversation/v1/conversations/{id}/messages`
 *   `{ from: { id }, text, textFormat: 'plain', mentions?: [{ mentioned: { id }, text: '<at>Name</at>' }] }`
 *   → `{ messageId, postConversationId?, timestamp }`. In the personal chat every message reaches the
 *   bot; in a group chat or channel only one that mentions the bot (no RSC emulation: unmentioned
 *   channel messages never reach the bot). A message to a channel opens a thread
 *   (`<channel id>;messageid=<id>`). Messages are always sent as the config's `currentUser`, whatever
 *   `from.id` says (it must only be a member). `POST /_conversation/v1/invoke`
 *   `{ name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', title, verb, data } },
 *   from, conversation, replyToId }` → the bot's invoke response `{ type, value }` (502 if the bot
 *   failed); the client then shows `value` in place of the card. Invokes may come from any member.
 *   `POST /_conversation/v1/submit` `{ conversation, from, replyToId, value }` for Action.Submit.
 *   `POST /_debug/conversation/{id}/installation` sends installationUpdate + conversationUpdate
 *   (membersAdded: the bot); nothing is sent on start. `POST /_internal/v1/customActivities` sends any
 *   activity (template: `GET /_internal/v1/customActivities/template?conversationId=`).
 *   `GET /_internal/v1/testConfig` is the tenant; `GET /_debug/ping` → `pong`.
 * - Reading the conversation: there is no REST read; the client listens on two WebSockets (see
 *   agents-playground-view.ts), which this kit keeps open for the Playground's life.
 */
import { resolvePlaygroundCli, startPlaygroundProcess } from './agents-playground-process';
import { accountsByName, DEFAULT_TENANT, playgroundConfigFile, type PlaygroundTenant } from './agents-playground-tenant';
import { PlaygroundView, type BotExchange, type PlaygroundMessage, type PlaygroundNotice } from './agents-playground-view';
import { chooseButton, submittedData, type ButtonChoice } from './agents-playground-cards';

export type { BotExchange, PlaygroundMessage, PlaygroundNotice, PlaygroundTenant, ButtonChoice };
export { DEFAULT_TENANT };

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  readonly botEndpoint: string;
  /** Default: a free port. Fixed, so a bot's trusted hosts can name `127.0.0.1:<port>` before it starts. */
  readonly port?: number;
  readonly tenant?: PlaygroundTenant;
  readonly startTimeoutMs?: number;
  /** Another Playground CLI script (for tests of the kit's own start-up errors). */
  readonly cli?: string;
}

/** Where a message goes: the personal chat, the group chat, a new thread in the General channel, or an id. */
export type Where = 'personal' | 'group' | 'team' | { readonly conversationId: string };

export interface SentMessage {
  readonly messageId: string;
  /** The conversation it went to: for a channel, the thread it opened. */
  readonly conversationId: string;
  /** How many bot messages the client showed before this one was sent (see repliesTo). */
  readonly shownBefore: number;
}

export interface InvokeAnswer {
  /** The Playground's HTTP status: 200 with the bot's answer, 400 refused by the client, 502 the bot failed. */
  readonly status: number;
  readonly type?: string;
  readonly value?: unknown;
  readonly error?: string;
}

export interface Playground {
  readonly url: string;
  /** What the bot is told to reply to (its mock Bot Connector). */
  readonly serviceUrl: string;
  readonly tenant: PlaygroundTenant;
  /** `<at>Name</at>` of the bot, as the client writes a mention. */
  readonly atBot: string;
  /** Types a message; `<at>Name</at>` mentions people or the bot by display name, as the client does. */
  say(text: string, where?: Where): Promise<SentMessage>;
  /** Presses a button on a card the bot posted: Action.Execute through the invoke API, Action.Submit through submit. */
  pressButton(messageId: string, choice: ButtonChoice, options?: { readonly as?: string }): Promise<InvokeAnswer>;
  /** Adds the bot to a conversation: installationUpdate and conversationUpdate (membersAdded). */
  install(where?: Where): Promise<void>;
  /** Sends any activity (messageUpdate, messageDelete, messageReaction, a redelivery) into a conversation. */
  sendActivity(activity: Record<string, unknown>, where?: Where): Promise<Record<string, unknown>>;
  /** The bot's messages as the client shows them now. */
  received(): readonly PlaygroundMessage[];
  /** The bot's messages that arrived after `sent`, in its conversation (or thread), as shown now. */
  repliesTo(sent: SentMessage, messages?: readonly PlaygroundMessage[]): readonly PlaygroundMessage[];
  /** Every HTTP exchange with the bot, with the bot's status codes. */
  exchanges(): readonly BotExchange[];
  notices(): readonly PlaygroundNotice[];
  /** Resolves with the first non-undefined `find(received())`, re-checked on every arrival; rejects after the bound. */
  waitFor<T>(what: string, find: (messages: readonly PlaygroundMessage[]) => T | undefined, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const tenant = options.tenant ?? DEFAULT_TENANT;
  const proc = await startPlaygroundProcess({
    cli: options.cli ?? resolvePlaygroundCli(),
    botEndpoint: options.botEndpoint,
    config: playgroundConfigFile(tenant),
    port: options.port,
    startTimeoutMs: options.startTimeoutMs ?? 30_000,
  });
  let view: PlaygroundView;
  try {
    view = await PlaygroundView.open(proc.port);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  const url = `http://127.0.0.1:${proc.port}`;
  const names = accountsByName(tenant);
  const people = [tenant.me, ...tenant.others];

  const conversationOf = (where: Where = 'personal'): string =>
    typeof where === 'object' ? where.conversationId : { personal: tenant.personalChatId, group: tenant.groupChat.id, team: tenant.team.id }[where];

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: unknown;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, text, json: json as Record<string, unknown> | undefined };
  };
  const refusal = (what: string, r: { status: number; text: string }) => new Error(`The Agents Playground refused ${what}: HTTP ${r.status} ${r.text}`);

  const personNamed = (who: string) => {
    const found = people.find((p) => p.name === who || p.id === who || p.aadObjectId === who);
    if (!found) throw new Error(`Nobody in the Playground tenant is "${who}"; it has ${people.map((p) => p.name).join(', ')}.`);
    return found;
  };

  return {
    url,
    serviceUrl: proc.serviceUrl,
    tenant,
    atBot: `<at>${tenant.bot.name}</at>`,

    async say(text, where) {
      const conversationId = conversationOf(where);
      const shownBefore = view.received().length;
      const mentions = where === 'personal' || where === undefined ? undefined : [...text.matchAll(/<at>(.*?)<\/at>/g)].map(([tag, name]) => {
        const id = names.get(name!);
        if (!id) throw new Error(`Cannot mention "${name}": the Playground tenant has ${[...names.keys()].join(', ')}.`);
        return { mentioned: { id, name }, text: tag };
      });
      const r = await call('POST', `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, { from: { id: tenant.me.id }, text, textFormat: 'plain', mentions });
      if (r.status !== 200 || !r.json) throw refusal(`the message "${text}"`, r);
      return { messageId: String(r.json.messageId), conversationId: String(r.json.postConversationId ?? conversationId), shownBefore };
    },

    async pressButton(messageId, choice, opts = {}) {
      const message = view.received().find((m) => m.id === messageId);
      if (!message) throw new Error(`The Playground shows no bot message ${messageId}; it has ${view.received().map((m) => m.id).join(', ') || 'none'}.`);
      const card = message.attachments.find((a) => a.contentType === ADAPTIVE)?.content;
      if (card === undefined) throw new Error(`Message ${messageId} has no Adaptive Card to press a button on.`);
      const button = chooseButton(card, choice);
      const data = submittedData(card, button, choice.inputs);
      const from = { id: (opts.as ? personNamed(opts.as) : tenant.me).id };
      const conversation = { id: message.conversationId };
      if (button.type === 'Action.Submit') {
        const r = await call('POST', '/_conversation/v1/submit', { conversation, from, replyToId: message.id, value: data ?? {} });
        return { status: r.status, error: r.status === 200 ? undefined : r.text };
      }
      // The client refuses an Action.Execute without a verb before any request.
      if (!button.verb) throw new Error(`The button "${button.title}" has no verb: Teams and the Playground would not send it.`);
      const value = { action: { type: button.type, title: button.title, verb: button.verb, data } };
      const r = await call('POST', '/_conversation/v1/invoke', { name: 'adaptiveCard/action', value, from, conversation, replyToId: message.id });
      if (r.status !== 200) return { status: r.status, error: r.text };
      if (r.json?.type === ADAPTIVE) view.replaceCard(message.id, r.json.value);
      return { status: 200, type: r.json?.type as string | undefined, value: r.json?.value };
    },

    async install(where) {
      const r = await call('POST', `/_debug/conversation/${encodeURIComponent(conversationOf(where))}/installation`, {});
      if (r.status !== 200) throw refusal('the installation', r);
    },

    async sendActivity(activity, where) {
      const template = await call('GET', `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationOf(where))}`);
      if (template.status !== 200 || !template.json) throw refusal('the activity template', template);
      const sent = { ...template.json, ...activity };
      const r = await call('POST', '/_internal/v1/customActivities', sent);
      if (r.status !== 200) throw refusal(`the ${String(sent.type)} activity`, r);
      return sent;
    },

    received: () => view.received(),
    repliesTo: (sent, messages = view.received()) => messages.slice(sent.shownBefore).filter((m) => m.conversationId === sent.conversationId),
    exchanges: () => view.exchanges(),
    notices: () => view.notices(),

    waitFor(what, find, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find(view.received());
          if (found === undefined) return false;
          done();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          const shown = view.received().map((m) => `  ${m.id} in ${m.conversationId}: ${m.text ?? ''}${m.attachments.length ? ` [${m.attachments.length} card(s)]` : ''}`).join('\n') || '  nothing';
          const notes = view.notices().slice(-5).map((n) => `  ${n.level ?? 'info'}: ${n.text}`).join('\n');
          reject(new Error(`Gave up after ${timeoutMs} ms waiting for ${what}. The Playground shows:\n${shown}${notes ? `\nIts last notices:\n${notes}` : ''}`));
        }, timeoutMs);
        const unsubscribe = view.onChange(check);
        const done = () => { clearTimeout(timer); unsubscribe(); };
        check();
      });
    },

    async stop() {
      view.close();
      await proc.stop();
    },
  };
}
