import type { DataSource, QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { databaseClosed, translateDatabaseError } from '../errors';
import { GroupCommitQueue, type ExecuteOptions, type GroupCommitOptions, type TransactionContext } from './group-commit-queue';

/**
 * Where a statement runs when it is not part of a caller's unit of work. Writes always become a unit
 * of their own in the group-commit queue (so they share commits and, on SQLite, never land inside
 * someone else's open transaction). Reads on MySQL go straight to the pool; on SQLite they queue too,
 * since the one connection may be inside a transaction whose writes could still be rolled back.
 * Inside a unit of work both join it, so they see its writes.
 */
export class StoreExecutor {
  readonly queue: GroupCommitQueue;
  /** Reads may bypass the queue (MySQL: a pool connection of their own). */
  private readonly directReads: boolean;

  constructor(readonly dataSource: DataSource, options: GroupCommitOptions = {}) {
    this.queue = new GroupCommitQueue(dataSource, options);
    this.directReads = dialectOf(dataSource) === 'mysql';
  }

  /** `options.rerunnable: false` for work that must not run twice (see ExecuteOptions). */
  write<T>(work: (tx: TransactionContext) => Promise<T>, options?: ExecuteOptions): Promise<T> {
    return this.queue.execute(work, options);
  }

  async read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    if (!this.directReads || this.queue.ambient) return this.queue.execute(work);
    let runner: QueryRunner | undefined;
    try {
      if (!this.dataSource.isInitialized) throw databaseClosed();
      runner = this.dataSource.createQueryRunner();
      return await work({ manager: runner.manager, runner, dialect: 'mysql' });
    } catch (error) {
      throw translateDatabaseError(error);
    } finally {
      await runner?.release().catch(() => undefined);
    }
  }
}
