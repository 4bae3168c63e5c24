import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every byte of the SQLite database `muster.db` in `dir` (and its journal or write-ahead log), as
 * text: a secret stored in clear shows up here whichever table, column or page holds it.
 */
export const databaseBytes = (dir: string): string =>
  readdirSync(dir).filter((f) => f.startsWith('muster.db')).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('');
