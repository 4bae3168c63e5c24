import type { DataSource } from 'typeorm';
import { dialectOf } from '../dialect';
import { translateDatabaseError } from '../errors';
import { GroupCommitQueue, type TransactionContext } from './group-commit-queue';

/**
 * Where a statement runs when it is not part of a caller's unit of work. Writes always become a unit
 * of their own in the group-commit queue (so they share commits and, on SQLite, never land inside
 * someone else's open transaction). Reads on MySQL go straight to the pool; on SQLite they queue too,
 * since the one connection may be inside a transaction whose writes could still be rolled back.
 * Inside a unit of work both join it, so they see its writes.
 */
export class StoreExecutor {
  readonly queue: GroupCommitQueue;
  private readonly direct?: TransactionContext;

  constructor(readonly dataSource: DataSource, options: { maxGroup?: number } = {}) {
    this.queue = new GroupCommitQueue(dataSource, options.maxGroup);
    const dialect = dialectOf(dataSource);
    if (dialect === 'mysql') this.direct = { manager: dataSource.manager, dialect };
  }

  write<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.queue.execute(work);
  }

  async read<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    if (!this.direct || this.queue.ambient) return this.queue.execute(work);
    try {
      return await work(this.direct);
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }
}
