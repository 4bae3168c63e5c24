import { join } from 'node:path';
import { expect } from 'chai';
import { createDataSource, createStore, dialectOf, MIGRATIONS, runMigrations, type Store } from '@muster/store';
import { createMariaDbDatabase, removeDir, runCli, tempDir, type CliResult } from './server-support';

/**
 * The set-up every migration spec shares: the same cases on SQLite and MariaDB, a database brought to
 * the release before the migration under test, the rest run (in process or by `muster migrate`), and
 * the result read back through the store. The data and the checks stay in each spec.
 */

export type DataSource = Awaited<ReturnType<typeof createDataSource>>;

export interface MigrationTarget {
  readonly label: 'SQLite' | 'MariaDB';
  /** A database of its own (a file in `dir`, or a fresh MariaDB database) and how to remove it. */
  create(dir: string): Promise<{ url: string; drop(): Promise<void> }>;
}

export const MIGRATION_TARGETS: readonly MigrationTarget[] = [
  { label: 'SQLite', create: async (dir) => ({ url: `sqlite:${join(dir, 'old.db')}`, drop: async () => undefined }) },
  {
    label: 'MariaDB',
    create: async () => {
      const db = await createMariaDbDatabase();
      return { url: `mysql://root@127.0.0.1:3306/${db.name}`, drop: () => db.drop() };
    },
  },
];

/** One `describe` per target, titled `<title> (<label>)`; `define` adds the cases. */
export function describeOnMigrationTargets(title: string, timeoutMs: number, define: (target: MigrationTarget) => void): void {
  for (const target of MIGRATION_TARGETS) {
    describe(`${title} (${target.label})`, function () {
      this.timeout(timeoutMs);
      define(target);
    });
  }
}

/** Runs `body` with a fresh database of `target` and a working directory, both removed afterwards whatever happens. */
export async function withMigrationDatabase(target: MigrationTarget, dirLabel: string, body: (db: { url: string; dir: string }) => Promise<void>): Promise<void> {
  const dir = tempDir(dirLabel);
  const { url, drop } = await target.create(dir);
  try {
    await body({ url, dir });
  } finally {
    await drop();
    removeDir(dir);
  }
}

/**
 * Undoes `migration` and every one after it. A misspelt name fails here: left unchecked, findIndex's
 * -1 would undo one migration too many and the spec would test the wrong schema.
 */
export async function undoThrough(db: DataSource, migration: string): Promise<void> {
  const index = MIGRATIONS.findIndex((m) => new m().name === migration);
  expect(index, `${migration} is not in MIGRATIONS`).to.be.at.least(0);
  for (let i = 0; i < MIGRATIONS.length - index; i++) await db.undoLastMigration({ transaction: 'each' });
}

/**
 * A connection to `url` at the release before `migration`: every migration is run and then undone
 * back through it (whatever came later), so each later `down` is exercised too. The caller destroys it.
 */
export async function openBefore(url: string, migration: string): Promise<DataSource> {
  const db = await createDataSource(url);
  try {
    await runMigrations(db);
    await undoThrough(db, migration);
    return db;
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs the rest of the migrations on `db`, then down through `migration` and up again (so its own
 * `down` runs on the data, not just the latest migration's), and closes `db`.
 */
export async function migrateUpDownUp(db: DataSource, migration: string): Promise<void> {
  try {
    await runMigrations(db);
    await undoThrough(db, migration);
    await runMigrations(db);
  } finally {
    await db.destroy();
  }
}

/** The column names of `table`, whichever dialect. */
export async function columnNames(db: DataSource, table: string): Promise<string[]> {
  const rows = (dialectOf(db) === 'sqlite'
    ? await db.query(`PRAGMA table_info(${table})`)
    : await db.query('SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [table])) as { name?: string; COLUMN_NAME?: string }[];
  const names = rows.map((c) => c.name ?? c.COLUMN_NAME);
  // A spec says "has no such column": an absent table or an unread key must not pass it by saying nothing.
  expect(names, `the columns of ${table}`).to.include('id').and.not.include(undefined);
  return names as string[];
}

/** Runs the pending migrations the way an operator does, `muster migrate`, and expects it to succeed. */
export async function migrateWithCli(dir: string, url: string): Promise<CliResult> {
  const migrated = await runCli(['migrate'], { cwd: dir, env: { MUSTER_DATABASE_URL: url } });
  expect(migrated.code, migrated.stderr).to.equal(0);
  return migrated;
}

/** Reads back through the store, which must not migrate: what the spec sees is what the migrations left. */
export async function withStore(url: string, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await createStore(url, { migrate: false });
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** Runs `body` on a plain connection to `url`, destroyed afterwards. */
export async function withDataSource(url: string, body: (db: DataSource) => Promise<void>): Promise<void> {
  const db = await createDataSource(url);
  try {
    await body(db);
  } finally {
    await db.destroy();
  }
}
