import { isMusterError } from '@muster/core';
import { dashboardBase, ensureMigrated, makeLoginLink } from '@muster/server';
import { createStore } from '@muster/store';
import type { CliCommand } from '../cli-command';
import { commandConfig, commandLogger } from '../cli-config';
import { readCommandLine, refusedCommandLine } from '../command-line';
import { minute } from '../text';
import { LOGIN_LINK_USAGE, linkTarget, type LinkTarget } from './login-link/login-link-target';

/** Exit codes: 0 printed, 1 refused (not an administrator, no workspace to pick, the database), 2 a command line that does not parse. */
export const loginLinkCommand: CliCommand = {
  name: 'login-link',
  usage: LOGIN_LINK_USAGE,
  summary: 'a one-time dashboard sign-in link (15 minutes); default the console user, --as an admin from admins: (slack:/teams: also take --workspace, default the only configured one)',
  async run(args) {
    const config = commandConfig();
    let target: LinkTarget;
    try {
      const line = readCommandLine(args, { as: 'string', workspace: 'string' }, `muster ${LOGIN_LINK_USAGE}`);
      target = linkTarget(config, line.options.as, line.options.workspace);
    } catch (error) {
      if (isMusterError(error, 'not_permitted')) {
        process.stderr.write(`muster: ${error.message}\n`);
        return 1;
      }
      return refusedCommandLine(error);
    }
    const store = await createStore(config.databaseUrl, { migrate: false, sqliteSynchronous: config.sqliteSynchronous });
    try {
      await ensureMigrated(store, config, commandLogger(config));
      const base = dashboardBase(config.publicUrl, `http://localhost:${config.port}`);
      const { url, expiresAt } = await makeLoginLink(store, config.settings, target.person, target.workspaceId, base);
      const who = `${target.person.platform}:${target.person.id}`;
      process.stdout.write([
        `One-time sign-in link for ${who} (workspace ${target.workspaceId}):`,
        '',
        `  ${url}`,
        '',
        `It signs in one browser, once, until ${minute(expiresAt)} (15 minutes). Do not share it: it acts as ${who}.`,
        '',
      ].join('\n'));
      return 0;
    } finally {
      await store.close();
    }
  },
};
