/**
 * The durable floor's one row per request: better-sqlite3 on a file with WAL (as Muster's store opens
 * it), or one autocommit INSERT through a mysql2 pool the size of Muster's. A floor that commits before
 * it answers is what "ack after commit" costs at the least; whatever Muster adds on top is Muster's.
 */
import { createRequire } from 'node:module';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';

export type DurableTarget = { readonly sqliteFile: string } | { readonly mysqlUrl: string };

export interface DurableRows {
  insert(kind: string, channel: string, body: string): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

/** The part of better-sqlite3 used here (the package ships no types). */
interface SqliteDatabase {
  pragma(statement: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown; get(): { n: number } };
  close(): void;
}

const TABLE = 'slack_requests';

export async function openDurableRows(target: DurableTarget): Promise<DurableRows> {
  return 'sqliteFile' in target ? sqliteRows(target.sqliteFile) : mysqlRows(target.mysqlUrl);
}

function sqliteRows(file: string): DurableRows {
  const Database = createRequire(__filename)('better-sqlite3') as new (file: string) => SqliteDatabase;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('temp_store = MEMORY');
  db.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL, body TEXT NOT NULL)`);
  const insert = db.prepare(`INSERT INTO ${TABLE} (kind, channel, received_at, body) VALUES (?, ?, ?, ?)`);
  const count = db.prepare(`SELECT COUNT(*) AS n FROM ${TABLE}`);
  return {
    insert: async (kind, channel, body) => void insert.run(kind, channel, new Date().toISOString(), body),
    count: async () => count.get().n,
    close: async () => db.close(),
  };
}

async function mysqlRows(url: string): Promise<DurableRows> {
  // Muster's store opens a pool of 10 (data-source.ts); the floor gets the same.
  const pool: Pool = createPool({ uri: url, connectionLimit: 10, charset: 'utf8mb4' });
  await pool.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id BIGINT AUTO_INCREMENT PRIMARY KEY, kind VARCHAR(16) NOT NULL, channel VARCHAR(32) NOT NULL, received_at DATETIME(3) NOT NULL, body MEDIUMTEXT NOT NULL) ENGINE=InnoDB`);
  return {
    insert: async (kind, channel, body) => void (await pool.execute(`INSERT INTO ${TABLE} (kind, channel, received_at, body) VALUES (?, ?, ?, ?)`, [kind, channel, new Date(), body])),
    count: async () => Number(((await pool.query(`SELECT COUNT(*) AS n FROM ${TABLE}`))[0] as RowDataPacket[])[0]!.n),
    close: () => pool.end(),
  };
}
