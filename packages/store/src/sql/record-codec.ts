import { MusterError } from '@muster/core';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dialectOf, type Dialect } from '../dialect';

type RecordClass<T> = new () => T;

/**
 * Turns records into SQL parameters and rows back into records, using the records' TypeORM metadata
 * and the driver's own conversions (Dates as UTC, JSON, booleans), but none of the query builder.
 * Why: the query builder costs tens of microseconds of CPU per statement, which at thousands of events
 * a second is most of the time a unit of work takes. The records stay the one description of the schema.
 */
export class RecordCodec<T extends ObjectLiteral> {
  readonly table: string;
  private readonly columns: readonly ColumnMetadata[];
  private readonly byProperty = new Map<string, ColumnMetadata>();
  private readonly dialect: Dialect;

  private constructor(private readonly dataSource: DataSource, private readonly target: RecordClass<T>) {
    const metadata = dataSource.getMetadata(target);
    this.dialect = dialectOf(dataSource);
    this.table = this.escape(metadata.tableName);
    this.columns = metadata.columns;
    for (const column of metadata.columns) this.byProperty.set(column.propertyName, column);
  }

  static of<T extends ObjectLiteral>(dataSource: DataSource, target: RecordClass<T>): RecordCodec<T> {
    let codecs = CODECS.get(dataSource);
    if (!codecs) CODECS.set(dataSource, (codecs = new Map()));
    let codec = codecs.get(target);
    if (!codec) codecs.set(target, (codec = new RecordCodec(dataSource, target)));
    return codec as RecordCodec<T>;
  }

  /** The escaped column name of a property, for hand-written WHERE and ORDER BY clauses. */
  col(property: keyof T & string): string {
    return this.escape(this.column(property).databaseName);
  }

  /** A value as the driver wants it bound for this property's column. */
  param<K extends keyof T & string>(property: K, value: T[K]): unknown {
    const bound: unknown = this.dataSource.driver.preparePersistentValue(value, this.column(property));
    return bound === undefined ? null : bound;
  }

  /** `INSERT INTO t (…) VALUES (…), (…)`; auto-increment columns are left to the database. */
  insert(rows: readonly T[]): { sql: string; params: unknown[] } {
    const columns = this.columns.filter((c) => !c.isGenerated);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    return {
      sql: `INSERT INTO ${this.table} (${columns.map((c) => this.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
      params: rows.flatMap((row) => columns.map((c) => this.param(c.propertyName, row[c.propertyName]))),
    };
  }

  /**
   * Insert, or overwrite `overwrite` when the row's `key` already exists. Only for tables whose one
   * unique key is `key`: MySQL's ON DUPLICATE KEY would also take a clash on another unique key.
   */
  upsert(row: T, key: readonly (keyof T & string)[], overwrite: readonly (keyof T & string)[]): { sql: string; params: unknown[] } {
    const { sql, params } = this.insert([row]);
    const cols = overwrite.map((p) => this.col(p));
    const tail = this.dialect === 'mysql'
      ? ` ON DUPLICATE KEY UPDATE ${cols.map((c) => `${c} = VALUES(${c})`).join(', ')}`
      : ` ON CONFLICT (${key.map((p) => this.col(p)).join(', ')}) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}`;
    return { sql: sql + tail, params };
  }

  /** `SET a = ?, b = ?` for the given properties of `values`, with their parameters. */
  assignments(values: Partial<T>): { sql: string; params: unknown[] } {
    const properties = Object.keys(values) as (keyof T & string)[];
    return {
      sql: properties.map((p) => `${this.col(p)} = ?`).join(', '),
      params: properties.map((p) => this.param(p, values[p] as T[typeof p])),
    };
  }

  /** A row from `SELECT *` as a record, converted the way TypeORM would. */
  hydrate(row: Record<string, unknown>): T {
    const record = new this.target();
    for (const column of this.columns) {
      const value: unknown = this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column);
      (record as Record<string, unknown>)[column.propertyName] = value ?? null;
    }
    return record;
  }

  private column(property: string): ColumnMetadata {
    const column = this.byProperty.get(property);
    if (!column) throw new MusterError('internal', `${this.target.name} has no column for ${property}`);
    return column;
  }

  private escape(name: string): string {
    return this.dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
  }
}

const CODECS = new WeakMap<DataSource, Map<object, RecordCodec<ObjectLiteral>>>();
