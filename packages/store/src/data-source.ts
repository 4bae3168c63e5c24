import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MusterError, isMusterError } from '@muster/core';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { parseDatabaseUrl, type DatabaseLocation } from './database-url';
import { translateDatabaseError } from './errors';
import { MIGRATIONS } from './migrations';
import { RECORDS } from './records';

export interface DataSourceSettings {
  /** Log every SQL statement (noisy; for debugging). */
  readonly logging?: boolean;
  /** MySQL connection pool size. Default 10. */
  readonly poolSize?: number;
  /** How long to wait for MySQL to answer a connection, in ms. Default 10,000. */
  readonly connectTimeoutMs?: number;
  /**
   * SQLite's `synchronous` with WAL (packages/store/README.md, "Durability"). `normal` (default): the
   * WAL is synced at checkpoints, not at every COMMIT; a committed transaction survives the process
   * crashing or being killed, but the last ones before a power loss or an OS crash may be lost (the file
   * is never corrupted). `full`: every COMMIT syncs the WAL, so they survive a power loss too.
   */
  readonly sqliteSynchronous?: SqliteSynchronous;
}

export const SQLITE_SYNCHRONOUS = ['normal', 'full'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];

export const MIGRATIONS_TABLE = 'muster_migrations';

/**
 * Opens the database a URL names: `sqlite:./data/muster.db` (folder and file are created private to their owner), `sqlite::memory:`,
 * `mysql://user:pass@host:3306/db` or `mariadb://…`. Throws MusterError `configuration` for a bad URL or
 * refused credentials, `unavailable` when the server cannot be reached. Does not migrate: call
 * `runMigrations` (never `synchronize`).
 */
export async function createDataSource(url: string, settings: DataSourceSettings = {}): Promise<DataSource> {
  const location = parseDatabaseUrl(url);
  const dataSource = new DataSource(optionsFor(location, settings));
  try {
    if (location.kind === 'sqlite' && location.path !== ':memory:') prepareSqliteFile(location.path);
    await dataSource.initialize();
    return dataSource;
  } catch (error) {
    throw openingFailure(error, location);
  }
}

/**
 * The database holds incident conversations and token hashes: only its owner may read it. A missing
 * folder is made 0700 (an existing one keeps the mode its owner chose) and a missing database file is
 * made 0600 before SQLite opens it, so it is never readable by others, not even for a moment. SQLite
 * creates the -wal and -shm files with the database file's mode, so they are 0600 too.
 */
function prepareSqliteFile(path: string): void {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // 'a' creates the file when it is missing and leaves an existing one (and its mode) untouched.
  closeSync(openSync(file, 'a', 0o600));
}

function optionsFor(location: DatabaseLocation, settings: DataSourceSettings): DataSourceOptions {
  const common = {
    entities: RECORDS,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    synchronize: false,
    logging: settings.logging ?? false,
  } as const;
  if (location.kind === 'sqlite') {
    const inMemory = location.path === ':memory:';
    return {
      ...common,
      type: 'better-sqlite3',
      database: location.path,
      // WAL lets readers (a CLI, a backup) work while the server writes; a busy file waits 5 s, not fails.
      enableWAL: !inMemory,
      timeout: 5000,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        // Savepoint journals (one per unit of work in a group) stay in memory instead of temp files.
        db.pragma('temp_store = MEMORY');
        // Chosen on purpose, not left to the build's default (FULL): see `sqliteSynchronous`.
        db.pragma(`synchronous = ${(settings.sqliteSynchronous ?? 'normal').toUpperCase()}`);
      },
    };
  }
  return {
    ...common,
    type: location.flavour,
    host: location.host,
    port: location.port,
    username: location.user,
    password: location.password,
    database: location.database,
    charset: 'utf8mb4',
    // Dates are written and read as UTC whatever the process or server time zone.
    timezone: 'Z',
    poolSize: settings.poolSize ?? 10,
    // Lets a unit's savepoint travel with its first statement (see sql/sql.ts). Every value is bound
    // through placeholders, so this opens no door to injected statements.
    multipleStatements: true,
    connectTimeout: settings.connectTimeoutMs ?? 10_000,
  };
}

function openingFailure(error: unknown, location: DatabaseLocation): MusterError {
  const where = location.kind === 'sqlite' ? `the SQLite database ${location.path}` : `the database at ${location.host}:${location.port}`;
  const translated = translateDatabaseError(error, where);
  if (isMusterError(translated)) return translated;
  const secret = location.kind === 'mysql' ? location.password : '';
  const detail = error instanceof Error ? error.message : String(error);
  const safe = secret ? detail.split(secret).join('***') : detail;
  return new MusterError('unavailable', `Could not open ${where}: ${safe}`, {}, { cause: error });
}
