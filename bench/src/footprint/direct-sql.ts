import { createRequire } from 'node:module';
import { createConnection, type Connection } from 'mysql2/promise';

/**
 * The floor of the query targets: the SELECTs the store sends for each route (the same tables,
 * indexes, filters, orders and limits, read from the store's code), run straight through the driver
 * in the bench's own process, with no HTTP, routing, auth, mapping or JSON around them.
 */
export interface DirectSql {
  run(statements: readonly (readonly [string, readonly unknown[]])[]): Promise<void>;
  close(): Promise<void>;
}

interface SqliteDatabase {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  close(): void;
}

export async function openDirectSql(url: string): Promise<DirectSql> {
  if (url.startsWith('sqlite:')) {
    const Database = createRequire(__filename)('better-sqlite3') as new (file: string, options: { readonly: boolean }) => SqliteDatabase;
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    const prepared = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
    return {
      async run(statements) {
        for (const [sql, params] of statements) {
          let s = prepared.get(sql);
          if (!s) prepared.set(sql, (s = db.prepare(sql)));
          s.all(...params);
        }
      },
      async close() { db.close(); },
    };
  }
  const connection: Connection = await createConnection({ uri: url, timezone: 'Z' });
  return {
    async run(statements) {
      for (const [sql, params] of statements) await connection.query(sql, [...params]);
    },
    async close() { await connection.end(); },
  };
}

/** The statements behind each measured route (SQLite quotes `number` with "…", MariaDB with `…`). */
export function routeStatements(sqlite: boolean, bigIncidentId: string) {
  const n = sqlite ? '"number"' : '`number`';
  const roles = (count: number) => [`SELECT * FROM incident_roles WHERE incident_id IN (${Array.from({ length: count }, () => '?').join(', ')})`, Array.from({ length: count }, (_, i) => `seed-inc-${i + 1}`)] as const;
  return {
    list: () => [[`SELECT * FROM incidents WHERE 1 = 1 AND tenant_id = ? ORDER BY ${n} DESC LIMIT 51`, ['default']], roles(50)] as const,
    listFiltered: () => [[`SELECT * FROM incidents WHERE 1 = 1 AND tenant_id = ? AND status IN (?) AND severity IN (?) ORDER BY ${n} DESC LIMIT 51`, ['default', 'investigating', 'SEV1']], roles(50)] as const,
    search: () => [[`SELECT * FROM incidents WHERE 1 = 1 AND tenant_id = ? AND (LOWER(title) LIKE ? ESCAPE '!' OR LOWER(summary) LIKE ? ESCAPE '!') ORDER BY ${n} DESC LIMIT 51`, ['default', '%payments%', '%payments%']], roles(50)] as const,
    incident: (number: number) => [[`SELECT * FROM incidents WHERE tenant_id = ? AND ${n} = ?`, ['default', number]], roles(1)] as const,
    timeline: (after: number) => [
      [`SELECT * FROM incidents WHERE tenant_id = ? AND ${n} = ?`, ['default', 1]], roles(1),
      ['SELECT * FROM timeline_entries WHERE incident_id = ? AND position > ? ORDER BY position ASC LIMIT 100', [bigIncidentId, after]],
    ] as const,
  };
}
