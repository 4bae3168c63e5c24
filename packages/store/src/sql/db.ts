import type { ObjectLiteral } from 'typeorm';
import type { Dialect } from '../dialect';
import type { TransactionContext } from '../unit-of-work/group-commit-queue';
import { RecordCodec } from './record-codec';
import { sql, sqlBatch, type SqlResult, type Statement } from './sql';

type RecordClass<T> = new () => T;

/** The statements repositories need, on the connection of one transaction (or one read). */
export class Db {
  constructor(private readonly tx: TransactionContext) {}

  get dialect(): Dialect {
    return this.tx.dialect;
  }

  codec<T extends ObjectLiteral>(target: RecordClass<T>): RecordCodec<T> {
    return RecordCodec.of(this.tx.manager.dataSource, target);
  }

  run(statement: string, params: readonly unknown[] = []): Promise<SqlResult> {
    return sql(this.tx, statement, params);
  }

  /** Several statements, one round trip on MySQL (see sqlBatch); empty ones (`undefined`) are left out. */
  batch(statements: readonly (Statement | undefined)[]): Promise<SqlResult[]> {
    const present = statements.filter((s): s is Statement => s !== undefined);
    return present.length === 0 ? Promise.resolve([]) : sqlBatch(this.tx, present);
  }

  /** The INSERT of `rows` as a statement for `batch`; `undefined` for no rows. */
  insertStatement<T extends ObjectLiteral>(target: RecordClass<T>, rows: readonly T[]): Statement | undefined {
    return rows.length === 0 ? undefined : this.codec(target).insert(rows);
  }

  /** `SELECT * FROM <table> WHERE <where><tail>` as records. */
  async select<T extends ObjectLiteral>(target: RecordClass<T>, where: string, params: readonly unknown[], tail = ''): Promise<T[]> {
    const codec = this.codec(target);
    const { rows } = await this.run(`SELECT * FROM ${codec.table} WHERE ${where}${tail}`, params);
    return rows.map((row) => codec.hydrate(row));
  }

  async selectOne<T extends ObjectLiteral>(target: RecordClass<T>, where: string, params: readonly unknown[]): Promise<T | undefined> {
    return (await this.select(target, where, params, ' LIMIT 1'))[0];
  }

  async insert<T extends ObjectLiteral>(target: RecordClass<T>, rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const { sql: statement, params } = this.codec(target).insert(rows);
    await this.run(statement, params);
  }

  async upsert<T extends ObjectLiteral>(target: RecordClass<T>, row: T, key: readonly (keyof T & string)[], overwrite: readonly (keyof T & string)[]): Promise<void> {
    const { sql: statement, params } = this.codec(target).upsert(row, key, overwrite);
    await this.run(statement, params);
  }

  /** `UPDATE <table> SET <values> WHERE <where>`; returns the rows matched. */
  async update<T extends ObjectLiteral>(target: RecordClass<T>, values: Partial<T>, where: string, params: readonly unknown[], extraSet = ''): Promise<number> {
    const codec = this.codec(target);
    const set = codec.assignments(values);
    const assignments = [set.sql, extraSet].filter(Boolean).join(', ');
    return (await this.run(`UPDATE ${codec.table} SET ${assignments} WHERE ${where}`, [...set.params, ...params])).affected;
  }

  async exists<T extends ObjectLiteral>(target: RecordClass<T>, where: string, params: readonly unknown[]): Promise<boolean> {
    const { rows } = await this.run(`SELECT 1 AS found FROM ${this.codec(target).table} WHERE ${where} LIMIT 1`, params);
    return rows.length > 0;
  }
}
