import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CaptureResult, type CapturedMessage, type Logger, MusterError } from '@muster/core';
import { SlackWebClient } from '../slack-web-client';
import { SlackChatGateway } from '../slack-chat-gateway';
import { SlackDirectory } from '../slack-directory';
import { SlackModalsAndPeople } from '../modals-and-people';
import { SlackInstallations } from './installation-store';
import type { SlackCore } from './listener-deps';
import { createSlackBoltApp, type SlackBoltAppOptions } from './slack-bolt-app';

/**
 * The edge's lean path for `message` events (inbound-gate.ts) through the app's real HTTP stack:
 * what it captures, when it answers, and that everything else still reaches Bolt as before.
 */
const SECRET = 'lean-path-secret';
const TEAM = 'T0LEAN';
const BOT = 'U0MUSTER';
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const unused = async (): Promise<never> => { throw new Error('not called in these specs'); };
const stored: CaptureResult = { stored: true } as unknown as CaptureResult;

type Call = readonly [string, ...unknown[]];

class FakeInbound {
  readonly calls: Call[] = [];
  /** What each capture does before it resolves (default: commits at once). */
  commit: () => Promise<void> = async () => undefined;
  readonly port: SlackCore['inbound'] = {
    command: unused, action: unused, form: unused, welcome: unused,
    captureMessage: async (m: CapturedMessage) => this.record(['message', m]),
    captureEdit: async (room, id, text) => this.record(['edit', room.conversationId, id, text]),
    captureDelete: async (room, id) => this.record(['delete', room.conversationId, id]),
    captureHighlight: async (room, id, on) => this.record(['highlight', room.conversationId, id, on]),
  };

  private async record(call: Call): Promise<CaptureResult> {
    this.calls.push(call);
    await this.commit();
    return stored;
  }
}

function appOptions(inbound: FakeInbound, overrides: Partial<SlackBoltAppOptions> = {}): SlackBoltAppOptions {
  // Port 9 (discard) refuses at once: a name lookup fails fast and the person is stored by id.
  const api = new SlackWebClient({ token: 'xoxb-test', slackApiUrl: 'http://127.0.0.1:9/api/' });
  const webApi = new SlackModalsAndPeople(api);
  return {
    signingSecret: SECRET, install: { kind: 'single', botToken: 'xoxb-test' }, api, webApi,
    gateway: new SlackChatGateway(api), directory: new SlackDirectory(webApi),
    core: { inbound: inbound.port, highlightReaction: 'pushpin', logger: quiet }, ...overrides,
  };
}

const envelope = (event: Record<string, unknown>, eventId = 'Ev0001') => JSON.stringify({
  token: 'x', team_id: TEAM, api_app_id: 'A0LEAN', type: 'event_callback', event, event_id: eventId, event_time: 1_700_000_000,
  authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT, is_bot: true, is_enterprise_install: false }],
});
const message = (fields: Record<string, unknown> = {}) => ({ type: 'message', channel: 'C0ROOM', user: 'U0PERSON', text: 'db is back', ts: '1700000000.000100', event_ts: '1700000000.000100', ...fields });

interface Answer { readonly status: number; readonly body: string; readonly retryAfter?: string }

function signed(body: string, options: { secret?: string; timestamp?: number; headers?: Record<string, string>; contentType?: string } = {}): Record<string, string> {
  const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', options.secret ?? SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { 'content-type': options.contentType ?? 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': signature, ...options.headers };
}

describe('Slack HTTP edge: the lean path for message events', function () {
  let server: Server;
  let url: string;
  let inbound: FakeInbound;

  async function serve(overrides: Partial<SlackBoltAppOptions> = {}): Promise<void> {
    inbound = new FakeInbound();
    const app = createSlackBoltApp(appOptions(inbound, overrides));
    const listener = app.requestListener;
    if (!listener) throw new Error('HTTP mode has a listener');
    server = createServer(listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  }

  const post = (body: string, headers: Record<string, string>): Promise<Answer> => new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ...(res.headers['retry-after'] ? { retryAfter: String(res.headers['retry-after']) } : {}) }));
    });
    req.on('error', reject);
    req.end(body);
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  describe('one workspace (SLACK_BOT_TOKEN)', () => {
    beforeEach(() => serve());

    it('captures a person\'s message with its event_id as the idempotency key, and answers 200 without a body', async () => {
      const body = envelope(message({ thread_ts: '1699999999.000001' }));
      expect(await post(body, signed(body))).to.deep.equal({ status: 200, body: '' });
      expect(inbound.calls).to.have.length(1);
      const [kind, captured] = inbound.calls[0] as [string, CapturedMessage];
      expect(kind).to.equal('message');
      expect(captured).to.include({ messageId: '1700000000.000100', threadId: '1699999999.000001', text: 'db is back', idempotencyKey: 'slack:Ev0001' });
      expect(captured.room).to.deep.include({ platform: 'slack', workspaceId: TEAM, conversationId: 'C0ROOM' });
      expect(captured.author).to.deep.include({ platform: 'slack', id: 'U0PERSON' });
    });

    it('answers only once the capture has committed', async () => {
      let commit: () => void = () => undefined;
      inbound.commit = () => new Promise<void>((resolve) => { commit = resolve; });
      const body = envelope(message());
      let answered = false;
      const answer = post(body, signed(body)).then((a) => { answered = true; return a; });
      while (inbound.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      expect(answered, 'answered before the commit').to.equal(false);
      commit();
      expect((await answer).status).to.equal(200);
    });

    it('answers 503 with Retry-After when the store is unavailable (Slack delivers again), 500 for any other failure', async () => {
      inbound.commit = async () => { throw new MusterError('unavailable', 'database unreachable'); };
      const body = envelope(message());
      expect(await post(body, signed(body))).to.deep.include({ status: 503, retryAfter: '5' });
      inbound.commit = async () => { throw new Error('bug'); };
      expect((await post(body, signed(body))).status).to.equal(500);
    });

    it('hands a redelivery (X-Slack-Retry-Num) to core with the same key, so core stores it once', async () => {
      const body = envelope(message());
      await post(body, signed(body));
      expect((await post(body, signed(body, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } }))).status).to.equal(200);
      expect(inbound.calls.map((c) => (c[1] as CapturedMessage).idempotencyKey)).to.deep.equal(['slack:Ev0001', 'slack:Ev0001']);
    });

    it('answers 401 to a forged, missing or stale signature and captures nothing', async () => {
      const body = envelope(message());
      const stale = Math.floor(Date.now() / 1000) - 301;
      for (const headers of [
        signed(body, { secret: 'not-the-secret' }),
        { 'content-type': 'application/json', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
        signed('{}'),
        signed(body, { timestamp: stale }),
      ]) {
        expect((await post(body, headers)).status).to.equal(401);
      }
      expect(inbound.calls).to.deep.equal([]);
    });

    it('routes edits and deletions as before, and leaves bot messages, joins and Muster\'s own posts off the timeline', async () => {
      const events = [
        message({ subtype: 'message_changed', message: { ts: '1700000000.000100', user: 'U0PERSON', text: 'db is back (fixed)' }, previous_message: { ts: '1700000000.000100', user: 'U0PERSON', text: 'db is back' } }),
        message({ subtype: 'message_deleted', deleted_ts: '1700000000.000100' }),
        message({ bot_id: 'B0OTHER' }),
        message({ subtype: 'bot_message' }),
        message({ subtype: 'channel_join' }),
        message({ user: BOT }),
      ];
      for (const [i, event] of events.entries()) {
        const body = envelope(event, `Ev${i}`);
        expect((await post(body, signed(body))).status, JSON.stringify(event)).to.equal(200);
      }
      expect(inbound.calls).to.deep.equal([['edit', 'C0ROOM', '1700000000.000100', 'db is back (fixed)'], ['delete', 'C0ROOM', '1700000000.000100']]);
    });

    it('still answers an unusable message event 200 at the edge without capturing it', async () => {
      const body = envelope({ type: 'message', channel: 'not a channel id!', user: 'U0PERSON', ts: '1700000000.000100' });
      expect((await post(body, signed(body))).status).to.equal(200);
      expect(inbound.calls).to.deep.equal([]);
    });

    it('leaves everything else to Bolt: reactions, url_verification', async () => {
      const reaction = envelope({ type: 'reaction_added', user: 'U0PERSON', reaction: 'pushpin', item: { type: 'message', channel: 'C0ROOM', ts: '1700000000.000100' }, event_ts: '1700000001.000000' });
      expect((await post(reaction, signed(reaction))).status).to.equal(200);
      expect(inbound.calls).to.deep.equal([['highlight', 'C0ROOM', '1700000000.000100', true]]);
      const challenge = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
      expect(await post(challenge, signed(challenge))).to.deep.equal({ status: 200, body: '{"challenge":"c-123"}' });
    });
  });

  describe('several workspaces (OAuth)', () => {
    beforeEach(() => serve({
      install: { kind: 'oauth', clientId: '1.2', clientSecret: 'c', stateSecret: 's', installations: new SlackInstallations({ save: unused, find: async () => undefined, remove: unused }) },
    }));

    it('keeps messages on Bolt, whose authorize answers 401 for a workspace without an installation', async () => {
      const body = envelope(message());
      expect((await post(body, signed(body))).status).to.equal(401);
      expect(inbound.calls).to.deep.equal([]);
    });
  });
});
