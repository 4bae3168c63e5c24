import { join } from 'node:path';
import type { BenchWorkspace } from './slack-payloads';
import { BenchChild } from '../processes/bench-child';
import type { BareBoltSettings } from '../processes/bare-bolt.main';
import type { DurableTarget } from '../processes/durable-rows';
import type { FakeSlackInfo } from '../processes/fake-slack.main';
import type { MusterServerSettings } from '../processes/muster-server.main';
import type { Progress } from '../support/progress';

export const SIGNING_SECRET = 'bench-signing-secret-4f1c2a9e7b3d';
export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

type Url = { readonly url: string };

/** The fake Slack Web API, the Muster server and the bare Bolt floor, each in its own process. */
export interface SlackTargets {
  readonly workspace: BenchWorkspace;
  readonly fakeSlack: BenchChild<FakeSlackInfo>;
  readonly muster: BenchChild<Url>;
  readonly bare: BenchChild<Url>;
  /** The durable floor (the bare Bolt app committing one row per request), when asked for. */
  readonly durable?: BenchChild<Url>;
  stop(): Promise<void>;
}

export interface SlackTargetsOptions {
  /** Working directory for logs, muster.yaml and the SQLite file. */
  readonly dir: string;
  /** `sqlite:<file>` or `mysql://…`. */
  readonly databaseUrl: string;
  readonly progress: Progress;
  /** Also start the durable floor, committing here (its own SQLite file or scratch database). */
  readonly durableFloor?: DurableTarget;
}

export async function startSlackTargets(options: SlackTargetsOptions): Promise<SlackTargets> {
  const { dir, progress } = options;
  const started: BenchChild<unknown>[] = [];
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((child) => child.stop()));
  };
  try {
    const fakeSlack = await BenchChild.start<FakeSlackInfo>({ script: 'fake-slack.main.js', label: 'the fake Slack Web API', settings: {}, logFile: join(dir, 'fake-slack.log') });
    started.push(fakeSlack);
    const slack = fakeSlack.info;
    const announcements = `{ platform: slack, workspaceId: ${slack.teamId}, conversationId: ${slack.announcementsChannelId} }`;
    const musterSettings: MusterServerSettings = {
      dir,
      env: {
        MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: options.databaseUrl,
        SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
      },
      // Declarations are announced, as a real installation would configure it: one more outbox post each.
      musterYaml: `announcementChannels: [${announcements}]\n`,
    };
    progress.line(`  starting the Muster server (${options.databaseUrl.startsWith('sqlite') ? 'SQLite file' : 'MariaDB'}) and the bare Bolt app`);
    const muster = await BenchChild.start<Url>({ script: 'muster-server.main.js', label: 'the Muster server', settings: musterSettings, logFile: join(dir, 'muster-server.log') });
    started.push(muster);
    const bareSettings: BareBoltSettings = { signingSecret: SIGNING_SECRET, botToken: slack.botToken, slackApiUrl: slack.url };
    const bare = await BenchChild.start<Url>({ script: 'bare-bolt.main.js', label: 'the bare Bolt app', settings: bareSettings, logFile: join(dir, 'bare-bolt.log') });
    started.push(bare);
    const durable = options.durableFloor
      ? await BenchChild.start<Url>({ script: 'bare-bolt.main.js', label: 'the durable Bolt floor', settings: { ...bareSettings, durable: options.durableFloor } satisfies BareBoltSettings, logFile: join(dir, 'durable-bolt.log') })
      : undefined;
    if (durable) started.push(durable);
    const workspace: BenchWorkspace = {
      teamId: slack.teamId, botUserId: slack.botUserId, userId: slack.userId, userName: slack.userName,
      channelId: slack.generalChannelId, channelName: 'general', responseUrl: slack.responseUrl,
    };
    return { workspace, fakeSlack, muster, bare, ...(durable ? { durable } : {}), stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** CPU time (user + system, ms) a child spent between two `cpu` readings. */
export async function cpuMsOf(child: BenchChild<unknown>): Promise<number> {
  const usage = await child.call<NodeJS.CpuUsage>('cpu');
  return (usage.user + usage.system) / 1000;
}
