import { MusterError } from '@muster/core';
import { QueryFailedError } from 'typeorm';
import { isDeadlock } from '../errors';
import { BEGIN_MYSQL, SAVEPOINT, type TransactionContext } from '../unit-of-work/transaction-context';
import { NativeSqlite } from './native-sqlite';

export interface SqlResult {
  readonly rows: Record<string, unknown>[];
  /** Rows an INSERT, UPDATE or DELETE changed (matched, on MySQL: mysql2 sets CLIENT_FOUND_ROWS). */
  readonly affected: number;
  /** MySQL: the OK packet's insert id (also what `LAST_INSERT_ID(expr)` set). */
  readonly insertId?: number | string;
  /** MySQL, a multi-row INSERT: rows that met a known key (the OK packet's `Records: n  Duplicates: d`); absent otherwise. */
  readonly duplicates?: number;
}

/**
 * Runs one parameterized statement (`?` placeholders on both drivers) in a unit's transaction. The
 * unit's first statement sets its savepoint first (and the group's first begins the transaction); on
 * MySQL they travel with the statement in one round trip (a multi-statement query), which saves a third
 * to a half of what a typical unit costs. Errors are TypeORM's QueryFailedError on both drivers, with
 * the driver's error (and code) inside.
 */
export async function sql(tx: TransactionContext, statement: string, params: readonly unknown[] = []): Promise<SqlResult> {
  return (await sqlBatch(tx, [{ sql: statement, params }]))[0]!;
}

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * Several statements in order, as one round trip on MySQL (a multi-statement query: it stops at the
 * first that fails, and that error is thrown), one after another on SQLite; one result per statement.
 * For writes whose answers the caller does not branch on between them (an incident's row and its roles).
 */
export async function sqlBatch(tx: TransactionContext, statements: readonly Statement[]): Promise<SqlResult[]> {
  const unit = tx.unit;
  if (unit && !unit.open) {
    throw new MusterError('internal', 'A statement ran after its unit of work had finished; await every repository call inside UnitOfWork.run.');
  }
  if (unit?.group.lost !== undefined) {
    // The cause keeps the deadlock visible, so the queue knows to run the group again.
    throw new MusterError('unavailable', 'The database rolled this transaction back (a deadlock); nothing was saved. Try again in a moment.', { code: 'ER_LOCK_DEADLOCK' }, { cause: unit.group.lost });
  }
  const needsSavepoint = !!unit?.savepointWanted && !unit.savepointSet;
  if (tx.dialect === 'sqlite') {
    const native = NativeSqlite.of(tx.manager.dataSource);
    if (needsSavepoint) {
      native.run(`SAVEPOINT ${SAVEPOINT}`, []);
      unit.savepointSet = true;
    }
    return statements.map(({ sql: statement, params }) => {
      try {
        return native.run(statement, params);
      } catch (error) {
        throw new QueryFailedError(statement, [...params], error as Error);
      }
    });
  }
  // What must precede the statements, sent with them in one round trip: the group's BEGIN, the unit's savepoint.
  const prefix: string[] = [];
  if (unit && !unit.group.begun) {
    prefix.push(...BEGIN_MYSQL);
    unit.group.begun = true;
  }
  if (needsSavepoint) {
    prefix.push(`SAVEPOINT ${SAVEPOINT}`);
    unit.savepointSet = true;
  }
  const text = [...prefix, ...statements.map((s) => s.sql)].join('; ');
  const params = statements.flatMap((s) => s.params);
  let result: { raw?: unknown };
  try {
    result = (await tx.runner.query(text, params, true)) as { raw?: unknown };
  } catch (error) {
    if (unit && isDeadlock(error)) unit.group.lost = error;
    throw error;
  }
  // A multi-statement query answers with one result per statement; ours are the last.
  const raws: unknown[] = prefix.length + statements.length > 1 ? (result.raw as unknown[]).slice(prefix.length) : [result.raw];
  return raws.map((raw) => {
    if (Array.isArray(raw)) return { rows: raw as Record<string, unknown>[], affected: 0 };
    const ok = raw as { affectedRows?: number; insertId?: number | string; info?: string } | undefined;
    const duplicates = /Duplicates: (\d+)/.exec(ok?.info ?? '')?.[1];
    return {
      rows: [], affected: ok?.affectedRows ?? 0,
      ...(ok?.insertId !== undefined && { insertId: ok.insertId }), ...(duplicates !== undefined && { duplicates: Number(duplicates) }),
    };
  });
}

/** `?, ?, ?` for an IN list (mysql2 would expand an array, better-sqlite3 would not). */
export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');
