import { AsyncLocalStorage } from 'node:async_hooks';
import { MusterError } from '@muster/core';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { dialectOf, type Dialect } from '../dialect';
import { translateDatabaseError } from '../errors';

/** What a unit of work runs against: one connection, inside the group's transaction. */
export interface TransactionContext {
  readonly manager: EntityManager;
  readonly dialect: Dialect;
}

interface Unit {
  readonly work: (tx: TransactionContext) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface Active {
  readonly tx: TransactionContext;
  /** False once the unit is over, so a promise it left running cannot write into a later transaction. */
  open: boolean;
}

export interface GroupCommitStats {
  /** Transactions committed or rolled back. */
  groups: number;
  /** Units of work run in them. */
  units: number;
  largestGroup: number;
}

/**
 * Group commit. Units of work that arrive while a transaction is in flight wait; the next transaction
 * runs all of them (up to `maxGroup`) one after another on one connection, each inside its own
 * SAVEPOINT, and one COMMIT makes them all durable. A unit that throws is rolled back to its savepoint
 * and only its caller sees the error; if the COMMIT fails, every unit of the group gets that error.
 *
 * Why: durability costs one log flush per COMMIT, so sustained ingestion (an event per message in
 * busy incident rooms) is bounded by commits, not rows. Sharing a commit among everything that
 * queued meanwhile keeps it at least as fast as raw single-row inserts. Running the units in sequence
 * on one connection also means later units see earlier ones' writes, so version checks stay exact,
 * and on SQLite it serializes transactions over TypeORM's single better-sqlite3 connection.
 */
export class GroupCommitQueue {
  readonly stats: GroupCommitStats = { groups: 0, units: 0, largestGroup: 0 };
  private readonly pending: Unit[] = [];
  private draining = false;
  private readonly current = new AsyncLocalStorage<Active>();
  private readonly dialect: Dialect;

  constructor(private readonly dataSource: DataSource, private readonly maxGroup = 256) {
    this.dialect = dialectOf(dataSource);
  }

  /** The transaction the caller is running in, if it is inside a unit of work. */
  get ambient(): TransactionContext | undefined {
    const active = this.current.getStore();
    return active?.open ? active.tx : undefined;
  }

  execute<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    // Called from inside a unit (a nested run, or a non-transactional repository used in one): join
    // it. Queuing would wait for the group that is waiting for us.
    const ambient = this.ambient;
    if (ambient) return work(ambient);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // A microtask later, so callers that start together in one tick share the first transaction too.
        queueMicrotask(() => void this.drain());
      }
    });
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.draining) await new Promise((resolve) => setImmediate(resolve));
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) await this.runGroup(this.pending.splice(0, this.maxGroup));
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(group: Unit[]): Promise<void> {
    let runner: QueryRunner | undefined;
    try {
      if (!this.dataSource.isInitialized) throw new MusterError('unavailable', 'The database connection is closed; nothing was saved. Restart Muster if this persists.');
      runner = this.dataSource.createQueryRunner();
      // READ COMMITTED: every statement sees the latest committed rows, so a long group does not work
      // from an old snapshot, and InnoDB takes fewer gap locks (fewer deadlocks between instances).
      await runner.startTransaction(this.dialect === 'mysql' ? 'READ COMMITTED' : undefined);
    } catch (error) {
      if (runner && this.dialect === 'mysql') await runner.release().catch(() => undefined);
      for (const unit of group) unit.reject(translateDatabaseError(error));
      return;
    }
    this.stats.groups += 1;
    try {
      await this.finish(runner, await this.runUnits(runner, group));
    } finally {
      // SQLite's one runner is shared by the whole DataSource; releasing it only clears caches.
      await runner.release().catch(() => undefined);
    }
  }

  /**
   * Runs the units in order. If the transaction itself breaks (a savepoint cannot be set or rolled back
   * to: MySQL rolls a whole transaction back on a deadlock, or the connection dropped), stops there and
   * puts the units that never started back at the head of the queue for the next group.
   */
  private async runUnits(runner: QueryRunner, group: Unit[]): Promise<GroupResult> {
    const tx: TransactionContext = { manager: runner.manager, dialect: this.dialect };
    // A group of one needs no savepoint: if its unit fails, the whole transaction is rolled back.
    const savepoints = group.length > 1;
    const outcomes: Outcome[] = [];
    const stop = (ran: number, brokenBy: unknown): GroupResult => {
      // Nothing ran yet: the connection itself is broken; fail the group rather than loop on it.
      if (ran === 0) return { ran: group, outcomes, brokenBy };
      this.pending.unshift(...group.slice(ran));
      return { ran: group.slice(0, ran), outcomes, brokenBy };
    };
    for (const [i, unit] of group.entries()) {
      try {
        if (savepoints) await runner.query('SAVEPOINT muster_unit');
      } catch (error) {
        return stop(i, error);
      }
      this.stats.units += 1;
      const active: Active = { tx, open: true };
      try {
        outcomes.push({ ok: true, value: await this.current.run(active, () => unit.work(tx)) });
      } catch (error) {
        outcomes.push({ ok: false, error });
        if (savepoints) {
          try {
            await runner.query('ROLLBACK TO SAVEPOINT muster_unit');
          } catch (rollbackError) {
            return stop(i + 1, rollbackError);
          }
        }
      } finally {
        active.open = false;
      }
    }
    this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
    return { ran: group, outcomes };
  }

  /** One COMMIT for the group, then every caller hears how its own unit went. */
  private async finish(runner: QueryRunner, { ran, outcomes, brokenBy }: GroupResult): Promise<void> {
    const ownError = (i: number): unknown => {
      const outcome = outcomes[i];
      return outcome && !outcome.ok ? translateDatabaseError(outcome.error) : undefined;
    };
    if (brokenBy !== undefined || outcomes.every((o) => !o.ok)) {
      await runner.rollbackTransaction().catch(() => undefined);
      const lost = translateDatabaseError(brokenBy);
      ran.forEach((unit, i) => unit.reject(ownError(i) ?? lost));
      return;
    }
    try {
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      const failed = translateDatabaseError(error);
      for (const unit of ran) unit.reject(failed);
      return;
    }
    ran.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(ownError(i));
    });
  }
}

interface GroupResult {
  /** The units that ran (and must be answered now). */
  readonly ran: Unit[];
  readonly outcomes: Outcome[];
  /** Set when the transaction broke: none of the group's writes will commit. */
  readonly brokenBy?: unknown;
}
