import type { QueryRunner, Table, TableColumnOptions } from 'typeorm';
import type { Dialect } from '../dialect';

/**
 * Column definitions that mean the same on MySQL/MariaDB and SQLite, so one migration serves both.
 * MySQL gets `datetime(6)` (microseconds, so milliseconds survive), `mediumtext` for long text (timeline
 * messages reach 40,000 characters, more than TEXT's 64 KB in utf8mb4) and native `json`; SQLite keeps
 * dates as UTC text and JSON as text, which TypeORM converts.
 */
export function schemaColumns(dialect: Dialect) {
  const mysql = dialect === 'mysql';
  const nullable = (column: TableColumnOptions, optional: boolean): TableColumnOptions => ({ ...column, isNullable: optional });
  // utf8mb4 so emoji and every script fit; binary collation so keys compare exactly as on SQLite
  // (`Ev1` and `ev1` are two Slack event ids, not one), whatever the server's default charset is.
  const exact = mysql ? { charset: 'utf8mb4', collation: 'utf8mb4_bin' } : {};
  return {
    key: (name: string, length = 64, optional = false) => nullable({ name, type: 'varchar', length: String(length), ...exact }, optional),
    text: (name: string, optional = false) => nullable({ name, type: mysql ? 'mediumtext' : 'text', ...exact }, optional),
    json: (name: string, optional = false) => nullable({ name, type: mysql ? 'json' : 'text' }, optional),
    time: (name: string, optional = false) => nullable({ name, type: 'datetime', ...(mysql && { precision: 6 }) }, optional),
    int: (name: string) => ({ name, type: 'int', isNullable: false }),
    bigint: (name: string) => ({ name, type: 'bigint', isNullable: false }),
    flag: (name: string) => ({ name, type: 'boolean', isNullable: false, default: 0 }),
    /** SQLite only auto-increments a column declared exactly `integer primary key`. */
    serial: (name: string): TableColumnOptions => ({ name, type: mysql ? 'bigint' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
  };
}

/** Creates a table; on MySQL in InnoDB with utf8mb4 as the table default, for columns added later. */
export async function createTable(runner: QueryRunner, dialect: Dialect, table: Table): Promise<void> {
  await runner.createTable(table);
  if (dialect === 'mysql') await runner.query(`ALTER TABLE \`${table.name}\` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
}
