import { createDataSource, pendingMigrations, runMigrations } from '@muster/store';
import type { CliCommand } from '../cli-command';
import { readCommandLine, refusedCommandLine } from '../command-line';
import { commandConfig } from '../cli-config';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'bring the database schema up to date (run once per upgrade for MySQL)',
  async run(args) {
    // It takes nothing: a stray word or option is refused rather than ignored.
    try {
      readCommandLine(args, {}, 'muster migrate');
    } catch (error) {
      return refusedCommandLine(error);
    }
    const config = commandConfig();
    const dataSource = await createDataSource(config.databaseUrl, { sqliteSynchronous: config.sqliteSynchronous });
    try {
      const pending = await pendingMigrations(dataSource);
      if (pending.length === 0) {
        process.stdout.write(`${config.database.display} is up to date: no migrations to run.\n`);
        return 0;
      }
      process.stdout.write(`Migrating ${config.database.display} (${pending.length} pending)…\n`);
      const ran = await runMigrations(dataSource);
      for (const name of ran) process.stdout.write(`  ran ${name}\n`);
      process.stdout.write(`Done: ${ran.length} migration${ran.length === 1 ? '' : 's'} ran; the schema is up to date.\n`);
      return 0;
    } finally {
      await dataSource.destroy();
    }
  },
};
