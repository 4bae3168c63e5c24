import { ensureMigrated } from '@muster/server';
import { createStore } from '@muster/store';
import type { CliCommand } from '../cli-command';
import { commandConfig, commandLogger } from '../cli-config';

const USAGE = 'tokens create <name>';

export const tokensCommand: CliCommand = {
  name: 'tokens',
  usage: USAGE,
  summary: 'create a REST API token (shown once)',
  async run(args) {
    const [action, ...words] = args;
    const name = words.join(' ').trim();
    if (action !== 'create' || !name) {
      process.stderr.write(`muster: say what the token is for: muster ${USAGE} (e.g. muster tokens create ci-bot)\n`);
      return 2;
    }
    const config = commandConfig();
    const store = await createStore(config.databaseUrl, { migrate: false });
    try {
      await ensureMigrated(store, config, commandLogger(config));
      const { token, record } = await store.apiTokens.create(name);
      process.stdout.write([
        `Created API token "${record.name}":`,
        '',
        `  ${token}`,
        '',
        'Copy it now: it cannot be shown again (only its hash is stored).',
        'Send it as: Authorization: Bearer <token>',
        '',
      ].join('\n'));
      return 0;
    } finally {
      await store.close();
    }
  },
};
