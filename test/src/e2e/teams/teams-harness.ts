/**
 * The Teams end-to-end harness: the real Muster server in this process (SQLite file), the real Teams
 * integration (Agents SDK transport, activity router) mounted on it, the fake Entra ID it takes keys
 * and tokens from (MICROSOFT_LOGIN_URL), and a minimal Bot Connector it replies to (TEAMS_TRUSTED_HOSTS).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS, type ChatGateway, type Incident, type InboundPort, type Logger, type MusterSettings, type TimelineEntry } from '@muster/core';
import { createLogger, createTeamsIntegration, loadConfig, SERVER_TOKENS, startServer, type RunningServer, type TeamsIntegration } from '@muster/server';
import type { Store } from '@muster/store';
import type { TeamsConversationReference, TeamsConversationStore } from '@muster/teams';
import { FakeEntra } from '../../fakes/teams/fake-entra';
import { removeDir, tempDir } from '../../integration/server-support';
import { MinimalBotConnector } from './minimal-bot-connector';
import { APP_ID, APP_PASSWORD, TENANT, type Activity } from './teams-payloads';

/** Conversation references in memory: the store's repository for them is the cards branch's. */
export class MemoryConversations implements TeamsConversationStore {
  readonly saved = new Map<string, TeamsConversationReference>();
  writes = 0;
  async save(reference: TeamsConversationReference): Promise<void> {
    this.writes++;
    const key = `${reference.workspaceId}:${reference.conversationId}`;
    const stored = this.saved.get(key);
    if (stored && stored.lastSeenAt > reference.lastSeenAt) return;
    this.saved.set(key, { ...stored, ...Object.fromEntries(Object.entries(reference).filter(([, v]) => v !== undefined)) } as TeamsConversationReference);
  }
  async find(_platform: 'teams', workspaceId: string, conversationId: string): Promise<TeamsConversationReference | undefined> {
    return this.saved.get(`${workspaceId}:${conversationId}`);
  }
  async findByTeamChannel(_platform: 'teams', workspaceId: string, teamId: string, channelId: string): Promise<TeamsConversationReference | undefined> {
    return [...this.saved.values()].filter((r) => r.workspaceId === workspaceId && r.teamId === teamId && r.channelId === channelId)
      .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())[0];
  }
}

/** Core's outbound Teams gateway is the outbound branch's: this suite tests hearing and replying, not the outbox. */
const noGateway = (): ChatGateway => {
  const refuse = async (): Promise<never> => { throw new Error('the Teams ChatGateway is not part of this suite'); };
  return { platform: 'teams', createRoom: refuse, post: refuse, update: refuse, postEphemeral: refuse, invite: refuse, setTopic: refuse, pin: refuse, bookmark: refuse, archive: refuse };
};

export interface SendOptions {
  /** The Authorization header; default a valid token for the activity's serviceUrl; null sends none. */
  readonly authorization?: string | null;
  /** A raw body instead of the activity's JSON. */
  readonly rawBody?: string;
}

export interface TeamsAnswer {
  readonly status: number;
  readonly text: string;
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- whatever Muster answered; tests assert on it.
}

export class TeamsE2E {
  private constructor(
    readonly entra: FakeEntra,
    readonly connector: MinimalBotConnector,
    readonly server: RunningServer,
    readonly teams: TeamsIntegration,
    readonly conversations: MemoryConversations,
    readonly dir: string,
  ) {}

  static async start(options: { anonymous?: boolean; env?: Record<string, string> } = {}): Promise<TeamsE2E> {
    const dir = tempDir('teams-e2e');
    const entra = await FakeEntra.start();
    const connector = await MinimalBotConnector.start();
    try {
      entra.registerApp(APP_ID, APP_PASSWORD);
      const credentials = options.anonymous
        ? { TEAMS_ANONYMOUS: 'true' }
        : { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_LOGIN_URL: entra.url };
      const config = loadConfig({
        env: {
          MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: `sqlite:${join(dir, 'muster.db')}`,
          TEAMS_TRUSTED_HOSTS: connector.host, ...credentials, ...options.env,
        },
        cwd: dir, interactive: false,
      });
      const logger = createLogger({ level: 'info', file: join(dir, 'server.log') });
      const conversations = new MemoryConversations();
      const teams = createTeamsIntegration(config, {
        logger, conversations, gateway: noGateway,
        ...(options.anonymous ? {} : { tokenSource: entra.tokenSource(APP_ID, APP_PASSWORD, TENANT) }),
      });
      if (!teams) throw new Error('Teams did not switch on');
      // The platform registry (seam branch) mounts integrations; until it is merged the suite does it here.
      const server = await startServer(config, {
        logger, pump: false,
        configureHttp: (router, container) => teams.mount(router, {
          inbound: container.get<InboundPort>(TOKENS.InboundPort), settings: container.get<MusterSettings>(TOKENS.Settings),
          logger: container.get<Logger>(TOKENS.Logger), onWorkQueued: () => undefined,
        }),
      });
      return new TeamsE2E(entra, connector, server, teams, conversations, dir);
    } catch (error) {
      await connector.close();
      await entra.close();
      removeDir(dir);
      throw error;
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.server.port}/api/messages`;
  }

  get serviceUrl(): string {
    return this.connector.url;
  }

  get store(): Store {
    return this.server.container.get<Store>(SERVER_TOKENS.Store);
  }

  /** A token the Bot Framework channel would send with this activity. */
  validToken(serviceUrl = this.serviceUrl): string {
    return this.entra.sign({ audience: APP_ID, issuer: this.entra.issuer(TENANT), serviceUrl });
  }

  async send(activity: Activity, options: SendOptions = {}): Promise<TeamsAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const authorization = options.authorization === undefined ? `Bearer ${this.validToken(activity.serviceUrl)}` : options.authorization;
    if (authorization !== null) headers.authorization = authorization;
    const response = await fetch(this.url, { method: 'POST', headers, body: options.rawBody ?? JSON.stringify(activity) });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  private get tenant(): string {
    return this.server.container.get<MusterSettings>(TOKENS.Settings).tenants.tenantOf('teams', TENANT);
  }

  async incident(number: number): Promise<Incident | undefined> {
    return this.store.repositories.incidents.findByNumber(this.tenant, number);
  }

  async incidentCount(): Promise<number> {
    return (await this.store.repositories.incidents.list()).length;
  }

  async timeline(number: number): Promise<TimelineEntry[]> {
    const incident = await this.incident(number);
    if (!incident) throw new Error(`INC-${number} does not exist`);
    return this.store.repositories.timeline.list(incident.id);
  }

  /** Gives an incident a Teams room, as the gateway's room set-up does once the outbound branch is in. */
  async linkRoom(number: number, conversationId: string): Promise<void> {
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
      await this.connector.close();
      await this.entra.close();
      removeDir(this.dir);
    }
  }
}
