import type { DataSource } from 'typeorm';

/**
 * Counts what a store sends its database, at the driver: on MySQL every `query` call a pool
 * connection makes (one round trip, however many statements it carries); on SQLite every execution
 * of a better-sqlite3 statement. Installed on a freshly opened store, before its first unit of work.
 */
export class StatementCounter {
  /** Each call's SQL text, in order (on MySQL one entry may hold several statements joined by `; `). */
  readonly sent: string[] = [];
  private counting = false;

  static install(dataSource: DataSource): StatementCounter {
    const counter = new StatementCounter();
    const driver = dataSource.driver as unknown as { pool?: MysqlPool; databaseConnection?: SqliteDatabase; queryRunner?: { stmtCache?: Map<string, unknown> } };
    if (driver.pool) counter.wrapPool(driver.pool);
    else if (driver.databaseConnection) {
      counter.wrapSqlite(driver.databaseConnection);
      // TypeORM's runner keeps the statements it prepared (BEGIN, COMMIT): prepare them again, counted.
      driver.queryRunner?.stmtCache?.clear();
    }
    else throw new Error('StatementCounter: neither a mysql2 pool nor a better-sqlite3 database');
    return counter;
  }

  /** The calls `work` made. */
  async during(work: () => Promise<unknown>): Promise<string[]> {
    const from = this.sent.length;
    this.counting = true;
    try {
      await work();
    } finally {
      this.counting = false;
    }
    return this.sent.slice(from);
  }

  private note(text: unknown): void {
    if (this.counting) this.sent.push(String(typeof text === 'object' && text !== null && 'sql' in text ? (text as { sql: unknown }).sql : text));
  }

  private wrapPool(pool: MysqlPool): void {
    const wrapped = new WeakSet<object>();
    const getConnection = pool.getConnection.bind(pool);
    pool.getConnection = (callback) => getConnection((error, connection) => {
      if (connection && !wrapped.has(connection)) {
        wrapped.add(connection);
        const query = connection.query;
        connection.query = (...args: unknown[]) => {
          this.note(args[0]);
          return query.apply(connection, args);
        };
      }
      callback(error, connection);
    });
  }

  private wrapSqlite(database: SqliteDatabase): void {
    const prepare = database.prepare.bind(database);
    database.prepare = (source: string) => {
      const statement = prepare(source);
      for (const method of ['run', 'all', 'get', 'iterate'] as const) {
        const original = statement[method];
        if (typeof original !== 'function') continue;
        Object.defineProperty(statement, method, {
          value: (...args: unknown[]) => {
            this.note(source);
            return original.apply(statement, args);
          },
        });
      }
      return statement;
    };
  }
}

interface MysqlConnection { query: (...args: unknown[]) => unknown }
interface MysqlPool { getConnection(callback: (error: unknown, connection?: MysqlConnection) => void): void }
type SqliteStatement = Record<'run' | 'all' | 'get' | 'iterate', ((...args: unknown[]) => unknown) | undefined>;
interface SqliteDatabase { prepare(source: string): SqliteStatement }
