import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from './mariadb';

/** A SQL database the store-only cases can open from scratch. */
export interface SqlTarget {
  readonly label: string;
  readonly isMariaDb: boolean;
  /** A URL to a new, empty database, and how to throw it away. */
  fresh(): Promise<{ url: string; cleanup(): Promise<void> }>;
}

export const sqliteTarget: SqlTarget = {
  label: 'SQLite',
  isMariaDb: false,
  async fresh() {
    const folder = mkdtempSync(join(tmpdir(), 'muster-store-'));
    return { url: `sqlite:${join(folder, 'nested', 'dir', 'muster.db')}`, cleanup: async () => rmSync(folder, { recursive: true, force: true }) };
  },
};

export const mariaDbTarget: SqlTarget = {
  label: 'MariaDB',
  isMariaDb: true,
  async fresh() {
    const scratch = await createScratchDatabase();
    return { url: scratch.url, cleanup: () => scratch.drop() };
  },
};
