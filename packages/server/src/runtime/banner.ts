import type { ServerConfig } from '../config/server-config';
import { chatPlatforms, llmSummary, multiInstanceSummary } from '../config/config-summary';

/**
 * The few lines a person sees at start. The first line is stable for scripts and tests to read the
 * address from: `Muster is running at http://localhost:3000`.
 */
export function banner(config: ServerConfig, url: string): string {
  const platforms = chatPlatforms(config);
  const lines = [
    `Muster is running at ${url}`,
    `  database: ${config.database.display}`,
    `  chat: ${platforms.length ? platforms.join(', ') : 'none (set SLACK_BOT_TOKEN, or MUSTER_CONSOLE=on)'}`,
    `  summaries: ${llmSummary(config)}`,
    `  multi-instance: ${multiInstanceSummary(config) || 'off (one process; set REDIS_URL and a MySQL/MariaDB database to run several)'}`,
    `  REST API: ${url}/api/v1 (create a token with \`muster tokens create <name>\`)`,
  ];
  const { homePlatform, homeWorkspaceId } = config.settings;
  lines.push(homePlatform && homeWorkspaceId
    ? `  API and alert incidents open rooms on ${homePlatform} (${homeWorkspaceId})`
    : '  API and alert incidents open no room: set homePlatform and homeWorkspaceId in muster.yaml');
  if (config.console) lines.push(`  logs: ${config.dataDir}/muster.log`, '', 'Type /incident help to start, /incident declare <title> to declare.');
  return `${lines.join('\n')}\n`;
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
