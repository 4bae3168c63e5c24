import { ensureMigrated } from '@muster/server';
import { createStore, type Store } from '@muster/store';
import type { CliCommand } from '../cli-command';
import { commandConfig, commandLogger } from '../cli-config';
import { refusedCommandLine } from '../command-line';
import { printable } from '../text';
import { parseTokenArgs, usageError, type TokenArgs } from './tokens/token-args';
import { createToken } from './tokens/tokens-create';
import { listTokens } from './tokens/tokens-list';
import { revokeToken } from './tokens/tokens-revoke';

interface TokenAction {
  /** Refuses a command line that cannot be right, before the database is opened. */
  check(args: TokenArgs): void;
  run(store: Store, args: TokenArgs): Promise<number>;
}

const ACTIONS: Readonly<Record<string, TokenAction>> = {
  create: {
    check: (a) => { if (!a.subject) throw usageError('say what the token is for (e.g. muster tokens create ci-bot)'); },
    run: createToken,
  },
  list: {
    check: (a) => { if (a.subject) throw usageError(`tokens list takes no name (got "${printable(a.subject)}"); --tenant <id> shows one tenant`); },
    run: listTokens,
  },
  revoke: {
    check: (a) => { if (!a.subject) throw usageError('say which token to revoke, by id or name (muster tokens list shows them)'); },
    run: revokeToken,
  },
};

/** Exit codes: 0 done, 1 refused (a duplicate name, an unknown token, the database), 2 a command line that does not parse. */
export const tokensCommand: CliCommand = {
  name: 'tokens',
  usage: 'tokens create <name> [--scope read,write,admin] | list | revoke <id|name>',
  summary: 'REST API tokens (create shows it once); --tenant <id>, default "default"; --scope, default read,write (admin edits the service catalogue)',
  async run(args) {
    const [name, ...rest] = args;
    const action = name !== undefined && Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    let parsed: TokenArgs;
    try {
      if (!action) throw usageError(name === undefined ? 'say what to do with tokens' : `there is no "tokens ${printable(name)}"`);
      parsed = parseTokenArgs(rest);
      action.check(parsed);
    } catch (error) {
      return refusedCommandLine(error);
    }
    const config = commandConfig();
    const store = await createStore(config.databaseUrl, { migrate: false, sqliteSynchronous: config.sqliteSynchronous });
    try {
      await ensureMigrated(store, config, commandLogger(config));
      return await action.run(store, parsed);
    } finally {
      await store.close();
    }
  },
};
