import { AsyncLocalStorage } from 'node:async_hooks';
import { isMusterError, MusterError } from '@muster/core';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { dialectOf, type Dialect } from '../dialect';
import { databaseClosed, translateDatabaseError } from '../errors';
import { NativeSqlite } from '../sql/native-sqlite';

/** What a unit of work runs against: one connection, inside the group's transaction. */
export interface TransactionContext {
  readonly manager: EntityManager;
  readonly runner: QueryRunner;
  readonly dialect: Dialect;
  /** The unit of work this context belongs to; absent for a plain read outside any unit. */
  readonly unit?: UnitState;
}

/**
 * A unit's savepoint is set lazily, with the unit's first statement (see `sql`): a unit that never
 * reaches the database needs none, and on MySQL it rides in the same round trip as that statement.
 */
export interface UnitState {
  readonly group: GroupState;
  /** False once the unit has finished: a statement it left running must not land in a later transaction. */
  open: boolean;
  /** Set when the unit shares its transaction with others and so needs a savepoint of its own. */
  savepointWanted: boolean;
  savepointSet: boolean;
}

/**
 * On MySQL the group's transaction also begins lazily, with its first statement and in the same round
 * trip (a group of one then costs two round trips, not four); SQLite begins at once through TypeORM.
 */
export interface GroupState {
  begun: boolean;
}

export const SAVEPOINT = 'muster_unit';
/** READ COMMITTED: every statement sees the latest committed rows, so a long group does not work from an old snapshot, and InnoDB takes fewer gap locks. */
export const BEGIN_MYSQL = ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'START TRANSACTION'];

interface Unit {
  readonly work: (tx: TransactionContext) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };


export interface GroupCommitStats {
  /** Transactions committed or rolled back. */
  groups: number;
  /** Units of work run in them. */
  units: number;
  largestGroup: number;
}

export interface GroupCommitOptions {
  /** Most units one transaction carries. Default 256. */
  readonly maxGroup?: number;
  /**
   * Transactions in flight at once (MySQL only; SQLite has one connection). Default 1: every unit
   * then commits in arrival order and units never wait on each other's row locks. More overlaps
   * round trips on a pool, at the price of lock waits (a deadlock fails a whole group with
   * `unavailable`) and timeline positions that may commit out of order within one instance.
   */
  readonly parallelGroups?: number;
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
  private scheduled = false;
  private inFlight = 0;
  private readonly current = new AsyncLocalStorage<TransactionContext>();
  private readonly dialect: Dialect;
  private readonly maxGroup: number;
  private readonly parallelGroups: number;

  constructor(private readonly dataSource: DataSource, options: GroupCommitOptions = {}) {
    this.dialect = dialectOf(dataSource);
    this.maxGroup = Math.max(1, options.maxGroup ?? 256);
    this.parallelGroups = this.dialect === 'sqlite' ? 1 : Math.max(1, options.parallelGroups ?? 1);
  }

  /** The transaction the caller is running in, if it is inside a unit of work. */
  get ambient(): TransactionContext | undefined {
    const tx = this.current.getStore();
    return tx?.unit?.open ? tx : undefined;
  }

  execute<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    // Called from inside a unit (a nested run, or a non-transactional repository used in one): join
    // it. Queuing would wait for the group that is waiting for us.
    const ambient = this.ambient;
    if (ambient) return work(ambient);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // A microtask later, so callers that start together in one tick share the first transaction too.
        queueMicrotask(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.inFlight > 0 || this.pending.length > 0) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Starts a transaction for what is queued, unless enough are in flight; each one that ends calls again. */
  private pump(): void {
    while (this.pending.length > 0 && this.inFlight < this.parallelGroups) {
      const group = this.pending.splice(0, this.maxGroup);
      this.inFlight += 1;
      void this.runGroup(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async runGroup(group: Unit[]): Promise<void> {
    let runner: QueryRunner | undefined;
    const state: GroupState = { begun: false };
    try {
      if (!this.dataSource.isInitialized) throw databaseClosed();
      runner = this.dataSource.createQueryRunner();
      if (this.dialect === 'sqlite') {
        await runner.startTransaction();
        state.begun = true;
      } else {
        // Take the pool connection now, so an unreachable server fails the whole group at once.
        await runner.connect();
      }
    } catch (error) {
      if (runner && this.dialect === 'mysql') await runner.release().catch(() => undefined);
      for (const unit of group) unit.reject(transactionLost(error));
      return;
    }
    this.stats.groups += 1;
    try {
      await this.finish(runner, state, await this.runUnits(runner, state, group));
    } finally {
      // SQLite's one runner is shared by the whole DataSource; releasing it only clears caches.
      await runner.release().catch(() => undefined);
    }
  }

  /** Runs the units in order, each rolled back to its own savepoint if it throws. */
  private async runUnits(runner: QueryRunner, groupState: GroupState, group: Unit[]): Promise<GroupResult> {
    // A group of one needs no savepoint: if its unit fails, the whole transaction is rolled back.
    const shared = group.length > 1;
    const outcomes: Outcome[] = [];
    for (const [i, unit] of group.entries()) {
      this.stats.units += 1;
      const state: UnitState = { group: groupState, open: true, savepointWanted: shared, savepointSet: false };
      const tx: TransactionContext = { manager: runner.manager, runner, dialect: this.dialect, unit: state };
      let outcome: Outcome;
      try {
        outcome = { ok: true, value: await this.current.run(tx, () => unit.work(tx)) };
      } catch (error) {
        outcome = { ok: false, error };
      } finally {
        state.open = false;
      }
      outcomes.push(outcome);
      try {
        if (state.savepointSet && !outcome.ok) await this.statement(runner, `ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        // SQLite nests savepoints of one name, and each open one makes later page changes copy pages
        // aside: release it. MySQL replaces a savepoint of the same name, so it needs no round trip.
        if (state.savepointSet && outcome.ok && this.dialect === 'sqlite') await this.statement(runner, `RELEASE SAVEPOINT ${SAVEPOINT}`);
      } catch (error) {
        // The transaction itself is gone (MySQL rolls all of it back on a deadlock, or the connection
        // dropped): nothing of this group will commit. Units that never started go back in the queue.
        this.pending.unshift(...group.slice(i + 1));
        return { ran: group.slice(0, i + 1), outcomes, brokenBy: error };
      }
    }
    this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
    return { ran: group, outcomes };
  }

  /** Savepoint bookkeeping; on SQLite straight to the native connection, like the units' own statements. */
  private async statement(runner: QueryRunner, statement: string): Promise<void> {
    if (this.dialect === 'sqlite') NativeSqlite.of(this.dataSource).run(statement, []);
    else await runner.query(statement);
  }

  private async commit(runner: QueryRunner, state: GroupState): Promise<void> {
    if (this.dialect === 'sqlite') await runner.commitTransaction();
    else if (state.begun) await runner.query('COMMIT');
  }

  /** Never throws: it runs when something already failed, and that failure is what callers hear. */
  private async rollback(runner: QueryRunner, state: GroupState): Promise<void> {
    if (this.dialect === 'sqlite') await runner.rollbackTransaction().catch(() => undefined);
    else if (state.begun) await runner.query('ROLLBACK').catch(() => undefined);
  }

  /** One COMMIT for the group, then every caller hears how its own unit went. */
  private async finish(runner: QueryRunner, state: GroupState, { ran, outcomes, brokenBy }: GroupResult): Promise<void> {
    const ownError = (i: number): unknown => {
      const outcome = outcomes[i];
      return outcome && !outcome.ok ? translateDatabaseError(outcome.error) : undefined;
    };
    if (brokenBy !== undefined || outcomes.every((o) => !o.ok)) {
      await this.rollback(runner, state);
      const lost = transactionLost(brokenBy);
      ran.forEach((unit, i) => unit.reject(ownError(i) ?? lost));
      return;
    }
    try {
      await this.commit(runner, state);
    } catch (error) {
      await this.rollback(runner, state);
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

/** The transaction could not start or broke under the units: nothing was saved, and trying again is the answer. */
function transactionLost(error: unknown): unknown {
  const translated = translateDatabaseError(error);
  if (isMusterError(translated)) return translated;
  return new MusterError('unavailable', 'The database dropped the transaction; nothing was saved. Try again in a moment.', {}, { cause: error });
}
