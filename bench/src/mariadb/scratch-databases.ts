import { randomBytes } from 'node:crypto';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { SuiteCannotRun } from '../suites/suite';

export const MARIADB_HOST = '127.0.0.1';
export const MARIADB_PORT = 3306;

/**
 * The bench's own databases on the local MariaDB (root, no password): `muster_bench_<random>`, created
 * for one suite and dropped at its end, so a run never touches another engineer's data.
 */
export class ScratchDatabases {
  private readonly created: string[] = [];

  private constructor(private readonly admin: Connection) {}

  static async connect(): Promise<ScratchDatabases> {
    try {
      return new ScratchDatabases(await createConnection({ host: MARIADB_HOST, port: MARIADB_PORT, user: 'root', connectTimeout: 5_000 }));
    } catch (error) {
      throw new SuiteCannotRun(`MariaDB at ${MARIADB_HOST}:${MARIADB_PORT} is not reachable as root without a password (${(error as Error).message}). Start it, or leave this suite out with --only <another suite>.`);
    }
  }

  async create(): Promise<string> {
    const name = `muster_bench_${randomBytes(5).toString('hex')}`;
    await this.admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    this.created.push(name);
    return name;
  }

  url(database: string): string {
    return `mysql://root@${MARIADB_HOST}:${MARIADB_PORT}/${database}`;
  }

  async query<T = RowDataPacket>(sql: string, params: unknown[] = []): Promise<T[]> {
    const [rows] = await this.admin.query(sql, params);
    return rows as T[];
  }

  /** Server-wide counters (statements, commits, log flushes); other clients of the server add to them too. */
  async globalStatus(names: readonly string[]): Promise<Record<string, number>> {
    const rows = await this.query<{ Variable_name: string; Value: string }>(`SHOW GLOBAL STATUS WHERE Variable_name IN (${names.map(() => '?').join(', ')})`, [...names]);
    return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
  }

  async version(): Promise<string> {
    const [row] = await this.query<{ v: string }>('SELECT VERSION() AS v');
    return row?.v ?? 'unknown';
  }

  /** Drops every database this instance created, and closes. */
  async dropAll(): Promise<void> {
    try {
      for (const name of this.created.splice(0)) await this.admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await this.admin.end().catch(() => undefined);
    }
  }
}
