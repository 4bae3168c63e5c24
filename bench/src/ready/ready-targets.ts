import { join } from 'node:path';
import { BenchChild } from '../processes/bench-child';
import type { FakeRemotesInfo, FakeRemotesSettings } from '../processes/fake-remotes.main';
import type { MusterServerSettings } from '../processes/muster-server.main';
import { SIGNING_SECRET } from '../slack/slack-targets';
import type { Progress } from '../support/progress';

type Url = { readonly url: string };

/** The remotes (one process, every call delayed) and Muster with PagerDuty, Jira and Zoom installed. */
export interface ReadyTargets {
  readonly remotes: BenchChild<FakeRemotesInfo>;
  readonly muster: BenchChild<Url>;
  stop(): Promise<void>;
}

/** The runbook links of the declared service: each one a bookmark in the room. */
export const RUNBOOK_LINKS = ['https://wiki.example.com/checkout', 'https://wiki.example.com/checkout/dashboards'];
export const SERVICE = 'checkout';

export async function startReadyTargets(options: { readonly dir: string; readonly delayMs: number; readonly progress: Progress }): Promise<ReadyTargets> {
  const { dir } = options;
  const started: BenchChild<unknown>[] = [];
  const stopAll = async () => { await Promise.all(started.splice(0).map((child) => child.stop())); };
  try {
    const settings: FakeRemotesSettings = { delayMs: options.delayMs };
    const remotes = await BenchChild.start<FakeRemotesInfo>({ script: 'fake-remotes.main.js', label: 'the fake remotes', settings, logFile: join(dir, 'fake-remotes.log') });
    started.push(remotes);
    const { slack, pagerduty, jira, zoom } = remotes.info;
    const services = {
      [SERVICE]: { description: 'Takes the money', runbooks: RUNBOOK_LINKS, integrations: { pagerduty: pagerduty.serviceId, jira: jira.project } },
    };
    const plugins = {
      pagerduty: { enabled: true, config: { apiUrl: pagerduty.url, from: 'muster@example.com' } },
      jira: { enabled: true, config: { apiUrl: jira.url, project: jira.project } },
      zoom: { enabled: true, config: { apiUrl: zoom.apiUrl, oauthUrl: zoom.oauthUrl } },
    };
    const musterSettings: MusterServerSettings = {
      dir,
      env: {
        MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: `sqlite:${join(dir, 'muster.db')}`,
        SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
        MUSTER_PLUGIN_PAGERDUTY_API_TOKEN: pagerduty.apiToken, MUSTER_PLUGIN_PAGERDUTY_WEBHOOK_SECRET: 'pd-bench-webhook-secret-8b20d4',
        MUSTER_PLUGIN_JIRA_EMAIL: jira.email, MUSTER_PLUGIN_JIRA_API_TOKEN: jira.apiToken,
        MUSTER_PLUGIN_ZOOM_ACCOUNT_ID: zoom.accountId, MUSTER_PLUGIN_ZOOM_CLIENT_ID: zoom.clientId, MUSTER_PLUGIN_ZOOM_CLIENT_SECRET: zoom.clientSecret,
      },
      musterYaml: [
        'homePlatform: slack', `homeWorkspaceId: ${slack.teamId}`,
        `announcementChannels: [{ platform: slack, workspaceId: ${slack.teamId}, conversationId: ${slack.announcementsChannelId} }]`,
        `services: ${JSON.stringify(services)}`, `plugins: ${JSON.stringify(plugins)}`, '',
      ].join('\n'),
    };
    options.progress.line('  starting the Muster server (SQLite file) with PagerDuty, Jira and Zoom installed');
    // development: the plugins' remotes are plain http on 127.0.0.1, which production refuses.
    const muster = await BenchChild.start<Url>({ script: 'muster-server.main.js', label: 'the Muster server', settings: musterSettings, logFile: join(dir, 'muster-server.log'), nodeEnv: 'development' });
    started.push(muster);
    return { remotes, muster, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
