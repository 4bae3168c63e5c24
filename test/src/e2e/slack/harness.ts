/**
 * The Slack end-to-end harness: the real Muster server in this process (SQLite file or MariaDB),
 * the real Bolt receiver mounted on it, the fake Slack Web API it calls (SLACK_API_URL), optionally the
 * fake OpenAI server, and what "Slack" sends, signed (slack-client.ts). `settle()` waits until the
 * outbox and the Slack follow-ups have nothing left to do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TOKENS, type Incident, type MusterSettings, type TimelineEntry } from '@muster/core';
import { loadConfig, SERVER_TOKENS, startServer, type RunningServer } from '@muster/server';
import type { Store } from '@muster/store';
import { FakeSlackApi } from '../../fakes/fake-slack-api';
import type { FakeOpenAi } from '../../fakes/fake-openai';
import { FakeSlackSocket } from '../../fakes/fake-slack-socket';
import { removeDir, tempDir } from '../../integration/server-support';
import { ANA, BOB, CLEO, SIGNING_SECRET, SlackClient } from './slack-client';
import type { SlackChannel } from './slack-payloads';
import { settleServer } from '../settle-server';
import { WatchedLogger } from './watched-logger';

export { ANA, BOB, CLEO, SIGNING_SECRET } from './slack-client';

export interface SlackE2EOptions {
  /** Default: a SQLite file in the temp directory. */
  readonly databaseUrl?: string;
  readonly llm?: FakeOpenAi;
  /** Announcement channels by id; default the fake's #announcements. */
  readonly announce?: (channels: { announcements: string }) => string[];
  readonly env?: Record<string, string>;
  /** Socket Mode (SLACK_APP_TOKEN, no signing secret) against a fake Socket Mode endpoint, instead of HTTP. */
  readonly socketMode?: boolean;
  /** More muster.yaml lines (plugins, home workspace); `{team}` is replaced by the fake workspace's id. */
  readonly yaml?: readonly string[];
  /** Files written beside muster.yaml before the server starts (runbooks the catalogue names), path → content. */
  readonly files?: Readonly<Record<string, string>>;
}

export class SlackE2E extends SlackClient {
  readonly announcements: string;
  readonly stakeholders: string;

  private constructor(
    slack: FakeSlackApi,
    readonly server: RunningServer,
    readonly dir: string,
    channels: { general: SlackChannel; announcements: string; stakeholders: string },
    readonly logger: WatchedLogger,
    /** Socket Mode only: the fake endpoint the server is connected to. */
    readonly socket?: FakeSlackSocket,
  ) {
    super(slack, server.port, channels.general);
    this.announcements = channels.announcements;
    this.stakeholders = channels.stakeholders;
  }

  static async start(options: SlackE2EOptions = {}): Promise<SlackE2E> {
    const dir = tempDir('slack-e2e');
    const slack = await FakeSlackApi.start();
    const socket = options.socketMode ? await FakeSlackSocket.start(slack) : undefined;
    try {
      for (const user of [ANA, BOB, CLEO]) slack.addUser({ id: user.id, name: user.name, displayName: user.name });
      const general = { id: slack.addChannel({ name: 'general', members: [ANA.id, BOB.id, CLEO.id] }), name: 'general' };
      const announcements = slack.addChannel({ name: 'announcements' });
      const stakeholders = slack.addChannel({ name: 'stakeholders' });
      // Taken already, so the first incident's room must move on to the next free name.
      slack.addChannel({ name: 'inc-1-checkout-errors' });
      const channel = (id: string) => `{ platform: slack, workspaceId: ${slack.teamId}, conversationId: ${id} }`;
      const announce = options.announce?.({ announcements }) ?? [announcements];
      for (const [path, content] of Object.entries(options.files ?? {})) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      writeFileSync(join(dir, 'muster.yaml'), [
        `announcementChannels: [${announce.map(channel).join(', ')}]`,
        `stakeholderChannels: { internal: [], external: [${channel(stakeholders)}] }`,
        ...(options.yaml ?? []).map((line) => line.replace(/\{team\}/g, slack.teamId)),
        '',
      ].join('\n'));
      const env: Record<string, string> = {
        MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on',
        MUSTER_DATABASE_URL: options.databaseUrl ?? `sqlite:${join(dir, 'muster.db')}`,
        SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
        ...(options.llm ? { OPENAI_BASE_URL: options.llm.baseUrl, OPENAI_API_KEY: options.llm.apiKey ?? 'unused' } : {}),
        ...(socket ? { SLACK_APP_TOKEN: socket.appToken, SLACK_SIGNING_SECRET: '' } : {}),
        ...options.env,
      };
      const config = loadConfig({ env, cwd: dir, interactive: false });
      const logger = new WatchedLogger(join(dir, 'server.log'));
      const server = await startServer(config, { logger });
      return new SlackE2E(slack, server, dir, { general, announcements, stakeholders }, logger, socket);
    } catch (error) {
      await socket?.close();
      await slack.close();
      removeDir(dir);
      throw error;
    }
  }

  get store(): Store {
    return this.server.container.get<Store>(SERVER_TOKENS.Store);
  }

  /** Waits until queued outbox work is done (retries included) and no Slack follow-up is running. */
  settle(timeoutMs = 30_000): Promise<void> {
    return settleServer(this.server, timeoutMs);
  }

  async incident(number: number): Promise<Incident> {
    // OAuth installs keep each workspace a tenant of its own; one workspace alone is in the default tenant.
    const tenant = this.server.container.get<MusterSettings>(TOKENS.Settings).tenants.tenantOf('slack', this.teamId);
    const incident = await this.store.repositories.incidents.findByNumber(tenant, number);
    if (!incident) throw new Error(`INC-${number} does not exist`);
    return incident;
  }

  async timeline(number: number): Promise<TimelineEntry[]> {
    return this.store.repositories.timeline.list((await this.incident(number)).id);
  }

  /** The Slack room opened for an incident. */
  async roomOf(number: number): Promise<SlackChannel> {
    const room = (await this.incident(number)).snapshot().links.rooms.find((r) => r.platform === 'slack');
    if (!room) throw new Error(`INC-${number} has no Slack room yet`);
    return { id: room.conversationId, name: room.name ?? room.conversationId };
  }


  async stop(): Promise<void> {
    try {
      await this.server.stop();
    } finally {
      await this.socket?.close();
      await this.slack.close();
      removeDir(this.dir);
    }
  }
}
