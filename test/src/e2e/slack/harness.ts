/**
 * The Slack end-to-end harness: the real Muster server in this process (SQLite file or MariaDB),
 * the real Bolt receiver mounted on it, the fake Slack Web API it calls (SLACK_API_URL), optionally the
 * fake OpenAI server, and a SlackSender that signs what "Slack" sends. `settle()` waits until the
 * outbox and the Slack follow-ups have nothing left to do.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKENS, type Incident, type MusterSettings, type TimelineEntry } from '@muster/core';
import { loadConfig, SERVER_TOKENS, startServer, type RunningServer } from '@muster/server';
import type { Store } from '@muster/store';
import { FakeSlackApi, type FakeMessage } from '../../fakes/fake-slack-api';
import type { FakeOpenAi } from '../../fakes/fake-openai';
import { FakeSlackSocket } from '../../fakes/fake-slack-socket';
import { removeDir, tempDir } from '../../integration/server-support';
import {
  blockActions, commandFields, eventEnvelope, messageEvent, messageShortcut, globalShortcut, viewSubmission,
  type Answer, type SlackChannel, type SlackUser,
} from './slack-payloads';
import { settleServer } from '../settle-server';
import { WatchedLogger } from './watched-logger';
import { newEventId, SlackSender, type SlackAnswer, type SendOptions } from './slack-sender';

export const SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const ANA: SlackUser = { id: 'U0ANA', name: 'ana' };
export const BOB: SlackUser = { id: 'U0BOB', name: 'bob' };
export const CLEO: SlackUser = { id: 'U0CLEO', name: 'cleo' };

export interface SlackE2EOptions {
  /** Default: a SQLite file in the temp directory. */
  readonly databaseUrl?: string;
  readonly llm?: FakeOpenAi;
  /** Announcement channels by id; default the fake's #announcements. */
  readonly announce?: (channels: { announcements: string }) => string[];
  readonly env?: Record<string, string>;
  /** Socket Mode (SLACK_APP_TOKEN, no signing secret) against a fake Socket Mode endpoint, instead of HTTP. */
  readonly socketMode?: boolean;
}

export class SlackE2E {
  readonly general: SlackChannel;
  readonly announcements: string;
  readonly stakeholders: string;
  readonly sender: SlackSender;

  private constructor(
    readonly slack: FakeSlackApi,
    readonly server: RunningServer,
    readonly dir: string,
    channels: { general: SlackChannel; announcements: string; stakeholders: string },
    readonly logger: WatchedLogger,
    /** Socket Mode only: the fake endpoint the server is connected to. */
    readonly socket?: FakeSlackSocket,
  ) {
    this.general = channels.general;
    this.announcements = channels.announcements;
    this.stakeholders = channels.stakeholders;
    this.sender = new SlackSender(`http://127.0.0.1:${server.port}/slack/events`, SIGNING_SECRET);
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
      writeFileSync(join(dir, 'muster.yaml'), [
        `announcementChannels: [${announce.map(channel).join(', ')}]`,
        `stakeholderChannels: { internal: [], external: [${channel(stakeholders)}] }`,
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

  get teamId(): string {
    return this.slack.teamId;
  }

  /** `/incident <text>` typed by `user` in `channel`. */
  command(text: string, user: SlackUser = ANA, channel: SlackChannel = this.general, options?: SendOptions): Promise<SlackAnswer> {
    const responseUrl = this.slack.responseUrl({ channel: channel.id, user: user.id });
    return this.sender.command(commandFields(this.teamId, user, channel, text, responseUrl), options);
  }

  /** A click on the `coreActionId` button of a message Muster posted. */
  click(message: FakeMessage, coreActionId: string, user: SlackUser = ANA, channel: SlackChannel = this.general): Promise<SlackAnswer> {
    const responseUrl = this.slack.responseUrl({ channel: channel.id, user: user.id, messageTs: message.ts });
    return this.sender.interaction(blockActions(this.teamId, user, channel, message, coreActionId, responseUrl));
  }

  /** The newest modal Muster opened with this callback id. */
  openedView(callbackId: string): Record<string, unknown> {
    const views = [...this.slack.views.values()].filter((v) => v.callback_id === callbackId);
    const view = views[views.length - 1];
    if (!view) throw new Error(`Muster opened no "${callbackId}" modal`);
    return view;
  }

  submit(view: Record<string, unknown>, answers: Record<string, Answer>, user: SlackUser = ANA): Promise<SlackAnswer> {
    return this.sender.interaction(viewSubmission(this.teamId, user, view, answers));
  }

  globalShortcut(callbackId: string, user: SlackUser = ANA): Promise<SlackAnswer> {
    return this.sender.interaction(globalShortcut(this.teamId, user, callbackId));
  }

  messageShortcut(channel: SlackChannel, message: FakeMessage, callbackId: string, user: SlackUser = ANA): Promise<SlackAnswer> {
    const responseUrl = this.slack.responseUrl({ channel: channel.id, user: user.id });
    return this.sender.interaction(messageShortcut(this.teamId, user, channel, message, callbackId, responseUrl));
  }

  /** An Events API delivery; pass the same `eventId` with `retryNum` for Slack's redeliveries. */
  event(event: Record<string, unknown>, eventId = newEventId(), retryNum?: number): Promise<SlackAnswer> {
    return this.sender.event(eventEnvelope(this.teamId, this.slack.botUserId, event, eventId), retryNum);
  }

  /** A person posts in a channel: the message appears in the fake and its `message` event is delivered. */
  async say(channelId: string, user: SlackUser, text: string, threadTs?: string): Promise<{ message: FakeMessage; answer: SlackAnswer; eventId: string }> {
    const message = this.slack.postAsUser(channelId, user.id, text, threadTs);
    const eventId = newEventId();
    const answer = await this.event(messageEvent(channelId, message), eventId);
    return { message, answer, eventId };
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

  /** Muster's messages in a channel whose blocks mention `text`. */
  postsMentioning(channelId: string, text: string): FakeMessage[] {
    return this.slack.messagesIn(channelId).filter((m) => m.bot_id && JSON.stringify(m.blocks ?? m.text).includes(text));
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
