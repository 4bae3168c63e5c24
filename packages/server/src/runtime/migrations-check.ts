import { MusterError, type Logger } from '@muster/core';
import { pendingMigrations, runMigrations, type Store } from '@muster/store';
import type { ServerConfig } from '../config/server-config';

/**
 * Brings the schema up to date when auto-migrate is on; otherwise refuses to start on a database that
 * is behind, with one line saying what to run. A shared database is migrated once, on purpose.
 */
export async function ensureMigrated(store: Store, config: ServerConfig, logger: Logger): Promise<void> {
  const pending = await pendingMigrations(store.dataSource);
  if (pending.length === 0) return;
  if (!config.autoMigrate) {
    throw new MusterError('configuration',
      `The database ${config.database.display} needs ${pending.length} migration${pending.length === 1 ? '' : 's'} (${pending.join(', ')}). Run \`npx muster migrate\` first, or set MUSTER_AUTO_MIGRATE=true.`);
  }
  const ran = await runMigrations(store.dataSource);
  logger.info('Migrated the database', { database: config.database.display, migrations: ran });
}
