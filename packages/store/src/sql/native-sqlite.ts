import type { DataSource } from 'typeorm';

/** The part of better-sqlite3's Database and Statement we use. */
interface Statement {
  readonly reader: boolean;
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}
interface Database {
  prepare(sql: string): Statement;
}
type DriverHandle = { databaseConnection: Database };

/**
 * Statements on SQLite go straight to better-sqlite3, past TypeORM's query runner: the runner awaits
 * subscriber broadcasts around every statement, which costs more than SQLite takes to run a small
 * INSERT. Prepared statements are cached per SQL text (the texts are few and fixed).
 */
export class NativeSqlite {
  private readonly statements = new Map<string, Statement>();

  private constructor(private readonly database: Database) {}

  static of(dataSource: DataSource): NativeSqlite {
    // TypeORM types the driver's handle as `any`; for this driver it is a better-sqlite3 Database.
    const database = (dataSource.driver as unknown as DriverHandle).databaseConnection;
    let native = NATIVE.get(dataSource);
    // A DataSource destroyed and initialized again has a new handle: the old statements are dead.
    if (!native || native.database !== database) NATIVE.set(dataSource, (native = new NativeSqlite(database)));
    return native;
  }

  run(sql: string, params: readonly unknown[]): { rows: Record<string, unknown>[]; affected: number } {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      // Statements built with IN lists vary in length; keep the cache bounded all the same.
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, statement);
    }
    const bound = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
    if (statement.reader) return { rows: statement.all(...bound), affected: 0 };
    return { rows: [], affected: statement.run(...bound).changes };
  }
}

const NATIVE = new WeakMap<DataSource, NativeSqlite>();
