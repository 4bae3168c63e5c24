/**
 * The Teams end-to-end harness: the real Muster server in this process (SQLite file), the real Teams
 * integration (Agents SDK transport, activity router, Bot Connector gateway, the store's conversation
 * references) built by the platform registry, the fake Entra ID it takes keys and tokens from
 * (MICROSOFT_LOGIN_URL), and the fake Bot Connector it replies to (TEAMS_TRUSTED_HOSTS), with the fake
 * Graph on the same fake tenant when a suite wants channel rooms. `pump: true` runs the outbox (rooms,
 * cards, announcements, published updates); `settle()` waits until it has nothing left to do;
 * `restart()` stops the server and starts a new process's worth of it on the same database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS, type Incident, type MusterSettings, type TimelineEntry } from '@muster/core';
import { OutboxPump, SERVER_TOKENS, type RunningServer } from '@muster/server';
import type { TeamsIntegration } from '@muster/server/platforms';
import type { Store } from '@muster/store';
import type { FakeOpenAi } from '../../fakes/fake-openai';
import type { FakeSlackApi } from '../../fakes/fake-slack-api';
import { FakeBotConnector } from '../../fakes/teams/fake-bot-connector';
import { FakeEntra } from '../../fakes/teams/fake-entra';
import { FakeGraph } from '../../fakes/teams/fake-graph';
import { FakeTeamsTenant } from '../../fakes/teams/fake-teams-tenant';
import { removeDir, tempDir } from '../../integration/server-support';
import { ConnectorLog } from './teams-connector-log';
import { bootTeamsServer, type TeamsBoot } from './teams-boot';
import { ANA, APP_ID, APP_PASSWORD, BOB, CLEO, GENERAL, TENANT, type Activity } from './teams-payloads';
import { mirrorIntoTenant } from './teams-tenant-mirror';

export type { ConnectorCall, RosterMember } from './teams-connector-log';

export interface SendOptions {
  /** The Authorization header; default a valid token for the activity's serviceUrl; null sends none. */
  readonly authorization?: string | null;
  /** A raw body instead of the activity's JSON. */
  readonly rawBody?: string;
  /** Answer as soon as the HTTP answer is in, without waiting for the replies Muster sends after its ack. */
  readonly noWait?: boolean;
}

export interface TeamsAnswer {
  readonly status: number;
  readonly text: string;
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- whatever Muster answered; tests assert on it.
}

export interface TeamsE2EOptions {
  readonly anonymous?: boolean;
  readonly env?: Record<string, string>;
  /** Run the outbox pump, as production does (default off: suites of the transport alone). */
  readonly pump?: boolean;
  /** Microsoft Graph (the fake, on the same tenant): incident rooms become channels of the team. */
  readonly graph?: boolean;
  /** Lines of muster.yaml (stakeholder channels, roomPlacement, …). */
  readonly yaml?: readonly string[];
  /** The fake OpenAI the summarizer drafts with (OPENAI_BASE_URL); without it, the extractive summarizer. */
  readonly llm?: FakeOpenAi;
  /** A fake Slack the same server serves too, signed with the Slack harness's SIGNING_SECRET. */
  readonly slack?: FakeSlackApi;
}

export class TeamsE2E {
  /** The suites' view of the Bot Connector traffic (the fake itself is `botConnector`). */
  readonly connector: ConnectorLog;
  private booted: TeamsBoot;

  private constructor(
    readonly entra: FakeEntra,
    readonly botConnector: FakeBotConnector,
    readonly graph: FakeGraph | undefined,
    readonly dir: string,
    private readonly boot: () => Promise<TeamsBoot>,
    booted: TeamsBoot,
  ) {
    this.connector = new ConnectorLog(botConnector);
    this.booted = booted;
  }

  static async start(options: TeamsE2EOptions = {}): Promise<TeamsE2E> {
    const dir = tempDir('teams-e2e');
    const tenant = new FakeTeamsTenant({ tenantId: TENANT, appId: APP_ID, generalChannelId: GENERAL });
    for (const u of [ANA, BOB, CLEO]) tenant.addUser({ id: u.aadObjectId, displayName: u.name, botFrameworkId: u.id, mail: `${u.name.split(' ')[0]!.toLowerCase()}@contoso.example` });
    const entra = await FakeEntra.start();
    const botConnector = await FakeBotConnector.start(tenant, {
      anonymous: !!options.anonymous, acceptToken: (token) => entra.accepts(token, 'https://api.botframework.com', APP_ID),
    });
    let graph: FakeGraph | undefined;
    try {
      entra.registerApp(APP_ID, APP_PASSWORD);
      graph = options.graph ? await FakeGraph.start(tenant, { acceptToken: (token, origin) => entra.accepts(token, origin, APP_ID) }) : undefined;
      if (options.yaml) writeFileSync(join(dir, 'muster.yaml'), `${options.yaml.join('\n')}\n`);
      const boot = () => bootTeamsServer({ dir, entra, botConnector, graph, options });
      return new TeamsE2E(entra, botConnector, graph, dir, boot, await boot());
    } catch (error) {
      await graph?.close();
      await botConnector.close();
      await entra.close();
      removeDir(dir);
      throw error;
    }
  }

  get server(): RunningServer {
    return this.booted.server;
  }

  get teams(): TeamsIntegration {
    return this.booted.teams;
  }

  get tenant(): FakeTeamsTenant {
    return this.botConnector.tenant;
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}/api/messages`;
  }

  get serviceUrl(): string {
    return this.botConnector.serviceUrl;
  }

  /** The stored conversation references (the store's repository, as in production). */
  get conversations(): Store['conversations'] {
    return this.store.conversations;
  }

  get store(): Store {
    return this.server.container.get<Store>(SERVER_TOKENS.Store);
  }

  /** A token the Bot Framework channel would send with this activity. */
  validToken(serviceUrl = this.serviceUrl): string {
    return this.entra.sign({ audience: APP_ID, issuer: this.entra.issuer(TENANT), serviceUrl });
  }

  /**
   * Delivers an activity as Teams would, after it has happened in the fake tenant (teams-tenant-mirror.ts),
   * and waits for the replies Muster sends after its ack (not for the outbox: `settle()`).
   */
  async send(activity: Activity, options: SendOptions = {}): Promise<TeamsAnswer> {
    if (options.rawBody === undefined) mirrorIntoTenant(this.tenant, activity);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const authorization = options.authorization === undefined ? `Bearer ${this.validToken(activity.serviceUrl)}` : options.authorization;
    if (authorization !== null) headers.authorization = authorization;
    const response = await fetch(this.url, { method: 'POST', headers, body: options.rawBody ?? JSON.stringify(activity) });
    const text = await response.text();
    if (!options.noWait) await this.server.idle();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  /** Resolves when the replies the platforms send after their acks are out. */
  idle(): Promise<void> {
    return this.server.idle();
  }

  /** Waits until queued outbox work is done (retries included) and no reply after an ack is running. */
  async settle(timeoutMs = 30_000): Promise<void> {
    const pump = this.server.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump);
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.server.idle();
      await pump.drainUntilIdle(5_000);
      await this.server.idle();
      if ((await this.store.repositories.outbox.depth()) === 0) return;
      if (Date.now() > until) throw new Error('The outbox did not drain in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Stops the server (the database file stays) and starts a new one on it: nothing in memory survives. */
  async restart(): Promise<void> {
    await this.server.stop();
    this.booted = await this.boot();
  }

  private get tenantId(): string {
    return this.server.container.get<MusterSettings>(TOKENS.Settings).tenants.tenantOf('teams', TENANT);
  }

  async incident(number: number): Promise<Incident | undefined> {
    return this.store.repositories.incidents.findByNumber(this.tenantId, number);
  }

  async incidentCount(): Promise<number> {
    return (await this.store.repositories.incidents.list()).length;
  }

  async timeline(number: number): Promise<TimelineEntry[]> {
    const incident = await this.incident(number);
    if (!incident) throw new Error(`INC-${number} does not exist`);
    return this.store.repositories.timeline.list(incident.id);
  }

  /** The Teams room the outbox opened for an incident. */
  async roomOf(number: number): Promise<string> {
    const room = (await this.incident(number))?.snapshot().links.rooms.find((r) => r.platform === 'teams');
    if (!room) throw new Error(`INC-${number} has no Teams room yet`);
    return room.conversationId;
  }

  /**
   * Opens a thread room by hand, as the outbox would (suites of the transport alone, with the pump off):
   * the bot's root message in General, and the incident linked to the thread. Returns its conversation id.
   */
  async linkThreadRoom(number: number, rootMessageId = this.tenant.nextMessageId()): Promise<string> {
    this.tenant.post(GENERAL, 'bot', { type: 'message', text: `INC-${number}` }, undefined, rootMessageId);
    const conversationId = `${GENERAL};messageid=${rootMessageId}`;
    await this.linkRoom(number, conversationId);
    return conversationId;
  }

  /**
   * Gives an incident a Teams room by hand (suites of the transport alone). The outbox's own room
   * set-up runs to its end first, so the room given here is the one that stays.
   */
  async linkRoom(number: number, conversationId: string): Promise<void> {
    await this.settle();
    const incident = await this.incident(number);
    if (!incident) throw new Error(`INC-${number} does not exist`);
    incident.linkRoom({ platform: 'teams', workspaceId: TENANT, conversationId }, new Date());
    await this.store.repositories.incidents.save(incident);
  }

  log(): string {
    return readFileSync(join(this.dir, 'server.log'), 'utf8');
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
    } finally {
      await this.graph?.close();
      await this.botConnector.close();
      await this.entra.close();
      removeDir(this.dir);
    }
  }
}
