import type { Repositories, UnitOfWork } from '@muster/core';
import type { DataSource } from 'typeorm';
import type { GroupCommitOptions, GroupCommitStats } from './group-commit-queue';
import { repositoriesFor } from './repositories-for';
import { StoreExecutor } from './store-executor';

/**
 * `UnitOfWork` over TypeORM with group commit (see GroupCommitQueue). A `run` called from inside
 * another `run`'s work joins it: it commits or rolls back with the outer one.
 */
export class TypeOrmUnitOfWork implements UnitOfWork {
  readonly executor: StoreExecutor;

  constructor(dataSource: DataSource | StoreExecutor, options: GroupCommitOptions = {}) {
    this.executor = dataSource instanceof StoreExecutor ? dataSource : new StoreExecutor(dataSource, options);
  }

  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.executor.write((tx) => work(repositoriesFor(tx)));
  }

  /** How many transactions carried how many units so far (for metrics and benchmarks). */
  get stats(): Readonly<GroupCommitStats> {
    return this.executor.queue.stats;
  }

  /** Resolves once every queued unit has been committed or refused. */
  idle(): Promise<void> {
    return this.executor.queue.idle();
  }
}
