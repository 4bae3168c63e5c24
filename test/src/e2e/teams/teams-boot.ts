import { join } from 'node:path';
import { createLogger, loadConfig, startServer, type RunningServer } from '@muster/server';
import { createTeamsIntegration, teamsOutbound, type TeamsIntegration } from '@muster/server/platforms';
import type { FakeBotConnector } from '../../fakes/teams/fake-bot-connector';
import type { FakeEntra } from '../../fakes/teams/fake-entra';
import type { FakeGraph } from '../../fakes/teams/fake-graph';
import { SIGNING_SECRET } from '../slack/slack-client';
import type { TeamsE2EOptions } from './teams-harness';
import { APP_ID, APP_PASSWORD, GENERAL, TENANT } from './teams-payloads';

export interface TeamsBoot {
  readonly server: RunningServer;
  readonly teams: TeamsIntegration;
}

interface BootParts {
  readonly dir: string;
  readonly entra: FakeEntra;
  readonly botConnector: FakeBotConnector;
  readonly graph: FakeGraph | undefined;
  readonly options: TeamsE2EOptions;
}

/** The environment the Teams e2e server runs with: only what it needs, pointing at the fakes. */
function environment({ dir, entra, botConnector, graph, options }: BootParts): Record<string, string> {
  const credentials: Record<string, string> = options.anonymous
    ? { TEAMS_ANONYMOUS: 'true' }
    : { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: APP_PASSWORD, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_LOGIN_URL: entra.url };
  // Channel rooms in the fake team; the incidents channel is General, where the suites declare.
  const withGraph: Record<string, string> = graph ? { MICROSOFT_GRAPH_URL: graph.graphUrl, TEAMS_INCIDENTS_TEAM_ID: graph.tenant.teamId, TEAMS_INCIDENTS_CHANNEL_ID: GENERAL } : {};
  const slack: Record<string, string> = options.slack ? { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: options.slack.botToken, SLACK_API_URL: options.slack.url } : {};
  const llm: Record<string, string> = options.llm ? { OPENAI_BASE_URL: options.llm.baseUrl, OPENAI_API_KEY: options.llm.apiKey ?? 'unused' } : {};
  return {
    MUSTER_PORT: '0', MUSTER_CONSOLE: 'off', MUSTER_AUTO_MIGRATE: 'on', MUSTER_DATABASE_URL: `sqlite:${join(dir, 'muster.db')}`,
    TEAMS_TRUSTED_HOSTS: botConnector.host, ...credentials, ...withGraph, ...slack, ...llm, ...options.env,
  };
}

/** One server process's worth of Muster with Teams on the fakes; called again on the same directory for a restart. */
export async function bootTeamsServer(parts: BootParts): Promise<TeamsBoot> {
  const { dir, entra, options } = parts;
  const config = loadConfig({ env: environment(parts), cwd: dir, interactive: false });
  const logger = createLogger({ level: 'info', file: join(dir, 'server.log') });
  // The registry's Teams, except for the bot's token: MSAL takes only an https authority, so the
  // token comes from the fake Entra's endpoint. Everything else is what production builds.
  let teams: TeamsIntegration | undefined;
  const server = await startServer(config, {
    logger, pump: options.pump ?? false,
    platforms: [(cfg, deps) => (teams = createTeamsIntegration(cfg, {
      logger: deps.logger, conversations: deps.store.conversations, fileOffers: deps.store.teamsFileOffers,
      gateway: (p) => teamsOutbound(p).gateway, directory: (p) => teamsOutbound(p).directory,
      ...(options.anonymous ? {} : { tokenSource: entra.tokenSource(APP_ID, APP_PASSWORD, TENANT) }),
    }))],
  });
  if (!teams) {
    await server.stop();
    throw new Error('Teams did not switch on');
  }
  return { server, teams };
}
