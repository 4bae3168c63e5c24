import type { ServerConfig } from '../config/server-config';
import { chatPlatforms, llmSummary, multiInstanceSummary } from '../config/config-summary';

/**
 * The few lines a person sees at start. The first line is stable for scripts and tests to read the
 * address from: `Muster is running at http://localhost:3000`.
 */
export function banner(config: ServerConfig, url: string, dashboard?: DashboardLine): string {
  const platforms = chatPlatforms(config);
  const lines = [
    `Muster is running at ${url}`,
    `  database: ${config.database.display}`,
    `  chat: ${platforms.length ? platforms.join(', ') : 'none (set SLACK_BOT_TOKEN, or MUSTER_CONSOLE=on)'}`,
    `  summaries: ${llmSummary(config)}`,
    `  multi-instance: ${multiInstanceSummary(config) || 'off (one process; set REDIS_URL and a MySQL/MariaDB database to run several)'}`,
    `  REST API: ${url}/api/v1 (create a token with \`muster tokens create <name>\`)`,
    dashboardLine(config, url, dashboard),
  ];
  const { homePlatform, homeWorkspaceId } = config.settings;
  lines.push(homePlatform && homeWorkspaceId
    ? `  API and alert incidents open rooms on ${homePlatform} (${homeWorkspaceId})`
    : '  API and alert incidents open no room: set homePlatform and homeWorkspaceId in muster.yaml');
  if (config.console) lines.push(`  logs: ${config.dataDir}/muster.log`, '', 'Type /incident help to start, /incident declare <title> to declare.');
  return `${lines.join('\n')}\n`;
}

/** The dashboard's line: the one-time link made at start (console chat on), or how to sign in. */
export interface DashboardLine {
  readonly loginLink?: string;
  /** The labels of the sign-in buttons (`Sign in with Slack`). */
  readonly providers: readonly string[];
}

function dashboardLine(config: ServerConfig, url: string, dashboard: DashboardLine = { providers: [] }): string {
  if (dashboard.loginLink) return `  dashboard: ${dashboard.loginLink} (one-time sign-in link, 15 minutes; \`muster login-link\` makes another)`;
  const base = (config.publicUrl ?? url).replace(/\/+$/, '');
  const names = dashboard.providers.map((p) => p.replace(/^Sign in with /, '').replace(/ \(.*\)$/, ''));
  const ways = [...new Set(names)].join('|');
  return `  dashboard: ${base}/ (${ways ? `sign in with ${ways}, or ` : 'sign in with '}\`muster login-link\`)`;
}

/** `muster worker`: the first line is stable like the server's (`Muster worker is running at …`). */
export function workerBanner(config: ServerConfig, url: string): string {
  return [
    `Muster worker is running at ${url}`,
    `  database: ${config.database.display}`,
    `  multi-instance: ${multiInstanceSummary(config)}`,
    `  probes: ${url}/healthz, ${url}/readyz, ${url}/metrics`,
  ].join('\n') + '\n';
}
