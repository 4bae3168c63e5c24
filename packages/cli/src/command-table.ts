import type { CliCommand } from './cli-command';
import { demoCommand } from './commands/demo';
import { loginLinkCommand } from './commands/login-link';
import { manifestCommand } from './commands/manifest';
import { migrateCommand } from './commands/migrate';
import { pluginsCommand } from './commands/plugins';
import { startCommand } from './commands/start';
import { tokensCommand } from './commands/tokens';
import { workerCommand } from './commands/worker';

/** Every command, in the order `muster help` lists them. */
export const COMMANDS: readonly CliCommand[] = [startCommand, workerCommand, migrateCommand, tokensCommand, loginLinkCommand, pluginsCommand, manifestCommand, demoCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'Usage: muster <command>',
    '',
    ...COMMANDS.map((c) => `  muster ${c.usage.padEnd(width)}  ${c.summary}`),
    `  muster ${'help'.padEnd(width)}  this list`,
    '',
    'Configuration comes from environment variables (MUSTER_DATABASE_URL, MUSTER_PORT, SLACK_BOT_TOKEN, …)',
    'and an optional muster.yaml; see packages/server/README.md.',
  ].join('\n');
}
