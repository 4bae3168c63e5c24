/**
 * The Teams end-to-end harness: the real Muster server in this process (SQLite file), the real Teams
 * integration (Agents SDK transport, activity router, Bot Connector gateway, the store's conversation
 * references) built by the platform registry, the fake Entra ID it takes keys
 * and tokens from (MICROSOFT_LOGIN_URL), and a minimal Bot Connector it replies to (TEAMS_TRUSTED_HOSTS).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS, type Incident, type MusterSettings, type TimelineEntry } from '@muster/core';
import {
  createLogger, createTeamsIntegration, loadConfig, type OutboxPump, SERVER_TOKENS, startServer, teamsOutbound, type RunningServer, type TeamsIntegration,
} from '@muster/server';
import type { Store } from '@muster/store';
import { FakeEntra } from '../../fakes/teams/fake-entra';
import { removeDir, tempDir } from '../../integration/server-support';
import { MinimalBotConnector } from './minimal-bot-connector';
import { APP_ID, APP_PASSWORD, TENANT, type Activity } from './teams-payloads';

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
      // The registry's Teams, except for the bot's token: MSAL takes only an https authority, so the
      // token comes from the fake Entra's endpoint. Everything else is what production builds.
      let teams: TeamsIntegration | undefined;
      const server = await startServer(config, {
        logger, pump: false,
        platforms: [(cfg, deps) => (teams = createTeamsIntegration(cfg, {
          logger: deps.logger, conversations: deps.store.conversations,
          gateway: (parts) => teamsOutbound(parts).gateway, directory: (parts) => teamsOutbound(parts).directory,
          ...(options.anonymous ? {} : { tokenSource: entra.tokenSource(APP_ID, APP_PASSWORD, TENANT) }),
        }))],
      });
      if (!teams) throw new Error('Teams did not switch on');
      return new TeamsE2E(entra, connector, server, teams, dir);
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

  /**
   * Waits until the side effects requests queued (room set-up, cards, announcements) have run: the
   * server drains its outbox after each request, in the background, so a case that counts calls or
   * changes an incident waits for those first.
   */
  async settled(): Promise<void> {
    await this.server.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump).drainUntilIdle(30_000);
  }

  /**
   * Gives an incident the Teams room a case needs, in place of the one room set-up made (it runs
   * first, so its own linking cannot race this save).
   */
  async linkRoom(number: number, conversationId: string): Promise<void> {
    await this.settled();
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
