import { MusterError } from '@muster/core';
import { QueryFailedError } from 'typeorm';
import { SAVEPOINT, type TransactionContext } from '../unit-of-work/group-commit-queue';
import { NativeSqlite } from './native-sqlite';

export interface SqlResult {
  readonly rows: Record<string, unknown>[];
  /** Rows an INSERT, UPDATE or DELETE changed (matched, on MySQL: mysql2 sets CLIENT_FOUND_ROWS). */
  readonly affected: number;
  /** MySQL: the OK packet's insert id (also what `LAST_INSERT_ID(expr)` set). */
  readonly insertId?: number | string;
}

/**
 * Runs one parameterized statement (`?` placeholders on both drivers) in a unit's transaction. The
 * unit's first statement sets its savepoint first; on MySQL both travel in one round trip (a
 * multi-statement query), which is a third of the cost of a typical ingestion unit. Errors are
 * TypeORM's QueryFailedError on both drivers, with the driver's error (and code) inside.
 */
export async function sql(tx: TransactionContext, statement: string, params: readonly unknown[] = []): Promise<SqlResult> {
  const unit = tx.unit;
  if (unit && !unit.open) {
    throw new MusterError('internal', 'A statement ran after its unit of work had finished; await every repository call inside UnitOfWork.run.');
  }
  const needsSavepoint = !!unit?.savepointWanted && !unit.savepointSet;
  if (tx.dialect === 'sqlite') {
    const native = NativeSqlite.of(tx.manager.dataSource);
    if (needsSavepoint) {
      native.run(`SAVEPOINT ${SAVEPOINT}`, []);
      unit.savepointSet = true;
    }
    try {
      return native.run(statement, params);
    } catch (error) {
      throw new QueryFailedError(statement, [...params], error as Error);
    }
  }
  const packed = needsSavepoint;
  if (packed) unit!.savepointSet = true;
  const result = (await tx.runner.query(packed ? `SAVEPOINT ${SAVEPOINT}; ${statement}` : statement, [...params], true)) as {
    records?: unknown[]; affected?: number; raw?: unknown;
  };
  // A multi-statement query answers with one result per statement; ours is the second.
  const raw: unknown = packed ? (result.raw as unknown[])[1] : result.raw;
  if (Array.isArray(raw)) return { rows: raw as Record<string, unknown>[], affected: 0 };
  const ok = raw as { affectedRows?: number; insertId?: number | string } | undefined;
  return { rows: [], affected: ok?.affectedRows ?? 0, ...(ok?.insertId !== undefined && { insertId: ok.insertId }) };
}

/** `?, ?, ?` for an IN list (mysql2 would expand an array, better-sqlite3 would not). */
export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');
