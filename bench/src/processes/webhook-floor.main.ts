/**
 * The floors for the webhook-ack suites, each on its own node:http server in its own process:
 * `ack-only` reads the body and answers 200; `durable` also checks the bearer token, parses the JSON
 * and commits one row (better-sqlite3 on a file with WAL, as Muster's store opens it; or one
 * autocommit INSERT through a mysql2 pool the size of Muster's) before answering. Whatever Muster
 * adds on top of `durable` is the cost of turning a notification into an incident.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { childSettings, failStart, serveDriver } from './ipc';

export type WebhookFloorSettings =
  | { readonly mode: 'ack-only' }
  | { readonly mode: 'durable'; readonly token: string; readonly sqliteFile: string }
  | { readonly mode: 'durable'; readonly token: string; readonly mysqlUrl: string };

/** The part of better-sqlite3 used here (the package ships no types). */
interface SqliteDatabase {
  pragma(statement: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...params: unknown[]): unknown; get(): { n: number } };
  close(): void;
}

/** Where the durable floor commits a delivery: one row, one commit, before the answer. */
interface Rows {
  insert(groupKey: string, status: string, alerts: number, body: string): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

const TABLE = 'webhook_deliveries';

function sqliteRows(file: string): Rows {
  const Database = createRequire(__filename)('better-sqlite3') as new (file: string) => SqliteDatabase;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('temp_store = MEMORY');
  db.exec(`CREATE TABLE ${TABLE} (id INTEGER PRIMARY KEY, group_key TEXT NOT NULL, status TEXT NOT NULL, alerts INTEGER NOT NULL, received_at TEXT NOT NULL, body TEXT NOT NULL)`);
  const insert = db.prepare(`INSERT INTO ${TABLE} (group_key, status, alerts, received_at, body) VALUES (?, ?, ?, ?, ?)`);
  const count = db.prepare(`SELECT COUNT(*) AS n FROM ${TABLE}`);
  return {
    insert: async (...row) => void insert.run(row[0], row[1], row[2], new Date().toISOString(), row[3]),
    count: async () => count.get().n,
    close: async () => db.close(),
  };
}

async function mysqlRows(url: string): Promise<Rows> {
  // Muster's store opens a pool of 10 (data-source.ts); the floor gets the same.
  const pool: Pool = createPool({ uri: url, connectionLimit: 10, charset: 'utf8mb4' });
  await pool.query(`CREATE TABLE ${TABLE} (id BIGINT AUTO_INCREMENT PRIMARY KEY, group_key TEXT NOT NULL, status VARCHAR(16) NOT NULL, alerts INT NOT NULL, received_at DATETIME(3) NOT NULL, body MEDIUMTEXT NOT NULL) ENGINE=InnoDB`);
  return {
    insert: async (groupKey, status, alerts, body) => void (await pool.execute(`INSERT INTO ${TABLE} (group_key, status, alerts, received_at, body) VALUES (?, ?, ?, ?, ?)`, [groupKey, status, alerts, new Date(), body])),
    count: async () => Number(((await pool.query(`SELECT COUNT(*) AS n FROM ${TABLE}`))[0] as RowDataPacket[])[0]!.n),
    close: () => pool.end(),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function durableHandler(token: string, rows: Rows) {
  const expected = Buffer.from(`Bearer ${token}`);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return answer(res, 401, { error: { code: 'unauthorized' } });
    let notification: { groupKey?: unknown; status?: unknown; alerts?: unknown };
    try {
      notification = JSON.parse(raw.toString('utf8')) as typeof notification;
    } catch {
      return answer(res, 400, { error: { code: 'invalid_payload' } });
    }
    if (typeof notification.groupKey !== 'string' || typeof notification.status !== 'string' || !Array.isArray(notification.alerts)) {
      return answer(res, 400, { error: { code: 'invalid_payload' } });
    }
    await rows.insert(notification.groupKey, notification.status, notification.alerts.length, raw.toString('utf8'));
    answer(res, 200, { results: [{ action: 'stored' }] });
  };
}

async function main(): Promise<void> {
  const settings = childSettings<WebhookFloorSettings>();
  const rows = settings.mode === 'durable' ? ('sqliteFile' in settings ? sqliteRows(settings.sqliteFile) : await mysqlRows(settings.mysqlUrl)) : undefined;
  const handle = settings.mode === 'durable' && rows
    ? durableHandler(settings.token, rows)
    : async (req: IncomingMessage, res: ServerResponse) => {
      await readBody(req);
      answer(res, 200, { results: [] });
    };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(`floor: ${(error as Error).message}\n`);
      if (!res.headersSent) answer(res, 500, { error: { code: 'internal' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  serveDriver({ url: `http://127.0.0.1:${port}/webhooks/alertmanager` }, {
    cpu: () => process.cpuUsage(),
    rows: () => rows?.count() ?? 0,
  }, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rows?.close();
  });
}

main().catch(failStart);
