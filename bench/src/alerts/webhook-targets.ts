import { join } from 'node:path';
import { BenchChild } from '../processes/bench-child';
import type { FakeSlackInfo } from '../processes/fake-slack.main';
import type { MusterServerInfo, MusterServerSettings } from '../processes/muster-server.main';
import type { WebhookFloorSettings } from '../processes/webhook-floor.main';
import { SIGNING_SECRET } from '../slack/slack-targets';
import type { Progress } from '../support/progress';

/** The bearer token Alertmanager sends (`http_config.authorization`); the durable floor checks the same one. */
export const ALERTMANAGER_TOKEN = 'bench-alertmanager-token-7c2e91d4';

type Url = { readonly url: string };

/** The fake Slack Web API, the Muster server (alertmanager enabled, Slack at home) and the two floors, each in its own process. */
export interface WebhookTargets {
  readonly fakeSlack: BenchChild<FakeSlackInfo>;
  readonly muster: BenchChild<MusterServerInfo>;
  readonly ackOnly: BenchChild<Url>;
  readonly durable: BenchChild<Url>;
  stop(): Promise<void>;
}

export interface WebhookTargetsOptions {
  /** Working directory: logs, muster.yaml, the SQLite files. */
  readonly dir: string;
  /** Muster's database: `sqlite:<file>` or `mysql://…`. */
  readonly databaseUrl: string;
  /** Where the durable floor commits: a SQLite file, or a MariaDB database URL. */
  readonly floor: { readonly sqliteFile: string } | { readonly mysqlUrl: string };
  readonly progress: Progress;
}

export async function startWebhookTargets(options: WebhookTargetsOptions): Promise<WebhookTargets> {
  const { dir, progress } = options;
  const started: BenchChild<unknown>[] = [];
  const stopAll = async () => {
    await Promise.all(started.splice(0).map((child) => child.stop()));
  };
  try {
    const fakeSlack = await BenchChild.start<FakeSlackInfo>({ script: 'fake-slack.main.js', label: 'the fake Slack Web API', settings: {}, logFile: join(dir, 'fake-slack.log') });
    started.push(fakeSlack);
    const slack = fakeSlack.info;
    const plugins = { alertmanager: { enabled: true, config: { severity: { label: 'severity', map: { critical: 'SEV1', warning: 'SEV3' } } } } };
    const musterSettings: MusterServerSettings = {
      dir,
      env: {
        MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: options.databaseUrl,
        SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
        MUSTER_PLUGIN_ALERTMANAGER_TOKEN: ALERTMANAGER_TOKEN,
      },
      // Slack is home, so each declared alert incident gets its room there (outbox → fake Slack).
      musterYaml: `homePlatform: slack\nhomeWorkspaceId: ${slack.teamId}\nplugins: ${JSON.stringify(plugins)}\n`,
    };
    progress.line(`  starting the Muster server (alertmanager plugin, ${options.databaseUrl.startsWith('sqlite') ? 'SQLite file' : 'MariaDB'}), the ack-only floor and the durable floor`);
    const muster = await BenchChild.start<MusterServerInfo>({ script: 'muster-server.main.js', label: 'the Muster server', settings: musterSettings, logFile: join(dir, 'muster-server.log') });
    started.push(muster);
    const ackOnlySettings: WebhookFloorSettings = { mode: 'ack-only' };
    const ackOnly = await BenchChild.start<Url>({ script: 'webhook-floor.main.js', label: 'the ack-only floor', settings: ackOnlySettings, logFile: join(dir, 'ack-only-floor.log') });
    started.push(ackOnly);
    const durableSettings: WebhookFloorSettings = { mode: 'durable', token: ALERTMANAGER_TOKEN, ...options.floor };
    const durable = await BenchChild.start<Url>({ script: 'webhook-floor.main.js', label: 'the durable floor', settings: durableSettings, logFile: join(dir, 'durable-floor.log') });
    started.push(durable);
    return { fakeSlack, muster, ackOnly, durable, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
