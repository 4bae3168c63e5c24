import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';
import { dialectOf, type Dialect } from '../dialect';
import { databaseClosed, transactionLost, translateDatabaseError } from '../errors';
import { NativeSqlite } from '../sql/native-sqlite';
import { LockRetryPolicy, type LockRetryOptions } from './lock-conflict-retry';
import { UnitDeferred } from './sequence-lock-order';
import { SAVEPOINT, takeBack, type GroupState, type TransactionContext, type UnitState } from './transaction-context';

export { BEGIN_MYSQL, SAVEPOINT } from './transaction-context';
export type { GroupState, TransactionContext, UnitState } from './transaction-context';

interface Unit {
  readonly work: (tx: TransactionContext) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly rerunnable: boolean;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface ExecuteOptions {
  /**
   * Whether the work may run again when its group's transaction is lost to a deadlock or a lock-wait
   * timeout (default true). Work may run again when it loads what it changes inside the unit and has no
   * effect outside the database (every `UnitOfWork.run` in core and the server, and every store write,
   * is like that). Pass false otherwise: its caller then hears the conflict as `unavailable`.
   */
  readonly rerunnable?: boolean;
}

export interface GroupCommitStats {
  /** Transactions committed or rolled back (a re-run after a lock conflict counts again). */
  groups: number;
  /** Units of work run in them. */
  units: number;
  largestGroup: number;
  /** Units run again because another transaction's locks cost them theirs. */
  lockRetries: number;
  /** Units moved to the next transaction to keep its sequence rows in order (sequence-lock-order.ts). */
  deferred: number;
}

export interface GroupCommitOptions extends LockRetryOptions {
  /** Most units one transaction carries. Default 256. */
  readonly maxGroup?: number;
  /**
   * Transactions in flight at once (MySQL only; SQLite has one connection). Default 1: every unit
   * then commits in arrival order and units never wait on each other's row locks. More overlaps
   * round trips on a pool, at the price of lock waits between one instance's own groups (run again
   * like a deadlock with another instance, see `lockRetries`) and timeline positions that may commit
   * out of order within one instance.
   */
  readonly parallelGroups?: number;
  /**
   * How long the queue collects units before it begins a transaction for them. `microtask`: units
   * queued in the same tick (MySQL's default: while a group waits on the network, the next one fills
   * anyway). `tick`: until the event loop's check phase (setImmediate), so every request whose I/O
   * arrived in the same poll phase shares the transaction: SQLite's default, because better-sqlite3
   * runs a whole group synchronously and nothing could ever queue behind it otherwise.
   */
  readonly collect?: 'microtask' | 'tick';
}

/**
 * Group commit. Units of work that arrive while a transaction is in flight wait; the next transaction
 * runs all of them (up to `maxGroup`) one after another on one connection, each inside its own
 * SAVEPOINT, and one COMMIT makes them all durable. A unit that throws is rolled back to its savepoint
 * and only its caller sees the error; if the COMMIT fails, every unit of the group gets that error.
 * When the transaction is lost to another one's row locks (a deadlock with another instance's group,
 * or a lock-wait timeout), nothing of it was kept, so its units run again (see LockRetryPolicy) before
 * anyone hears of it.
 *
 * Why: durability costs one log flush per COMMIT, so sustained ingestion (an event per message in
 * busy incident rooms) is bounded by commits, not rows. Sharing a commit among everything that
 * queued meanwhile keeps it at least as fast as raw single-row inserts. Running the units in sequence
 * on one connection also means later units see earlier ones' writes, so version checks stay exact,
 * and on SQLite it serializes transactions over TypeORM's single better-sqlite3 connection.
 */
export class GroupCommitQueue {
  readonly stats: GroupCommitStats = { groups: 0, units: 0, largestGroup: 0, lockRetries: 0, deferred: 0 };
  private readonly pending: Unit[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly current = new AsyncLocalStorage<TransactionContext>();
  private readonly dialect: Dialect;
  private readonly maxGroup: number;
  private readonly parallelGroups: number;
  private readonly collect: 'microtask' | 'tick';
  private readonly retry: LockRetryPolicy;

  constructor(private readonly dataSource: DataSource, options: GroupCommitOptions = {}) {
    this.dialect = dialectOf(dataSource);
    this.maxGroup = Math.max(1, options.maxGroup ?? 256);
    this.parallelGroups = this.dialect === 'sqlite' ? 1 : Math.max(1, options.parallelGroups ?? 1);
    this.collect = options.collect ?? (this.dialect === 'sqlite' ? 'tick' : 'microtask');
    this.retry = new LockRetryPolicy(options);
  }

  /** The transaction the caller is running in, if it is inside a unit of work. */
  get ambient(): TransactionContext | undefined {
    const tx = this.current.getStore();
    return tx?.unit?.open ? tx : undefined;
  }

  execute<T>(work: (tx: TransactionContext) => Promise<T>, options: ExecuteOptions = {}): Promise<T> {
    // Called from inside a unit (a nested run, or a non-transactional repository used in one): join
    // it. Queuing would wait for the group that is waiting for us. It runs again if the outer one does.
    const ambient = this.ambient;
    if (ambient) return work(ambient);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject, rerunnable: options.rerunnable ?? true });
      if (!this.scheduled) {
        this.scheduled = true;
        // Callers that start together share the first transaction too: those of this tick (a microtask
        // later), or those of every I/O callback of this poll phase (setImmediate; see `collect`).
        const start = () => {
          this.scheduled = false;
          this.pump();
        };
        if (this.collect === 'tick') setImmediate(start);
        else queueMicrotask(start);
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

  /**
   * Runs a group, then again (bounded, after a pause) the units a lost transaction undid. It keeps its
   * in-flight slot meanwhile, so with one group at a time the re-run still commits before anything
   * that arrived later.
   */
  private async runGroup(group: Unit[]): Promise<void> {
    let units = group;
    for (let attempt = 0; units.length > 0; attempt++) {
      units = await this.runTransaction(units, attempt < this.retry.retries);
      if (units.length === 0) return;
      this.stats.lockRetries += units.length;
      await this.retry.pause(attempt);
    }
  }

  /** One transaction for the units; returns those to run again (only when `mayRerun`). */
  private async runTransaction(group: Unit[], mayRerun: boolean): Promise<Unit[]> {
    let runner: QueryRunner | undefined;
    const state: GroupState = { begun: false, sequenceRows: new Map() };
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
      return [];
    }
    this.stats.groups += 1;
    try {
      return await this.finish(runner, state, await this.runUnits(runner, state, group), mayRerun);
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
    const states: UnitState[] = [];
    for (const [i, unit] of group.entries()) {
      this.stats.units += 1;
      const state: UnitState = { group: groupState, open: true, savepointWanted: shared, savepointSet: false, undo: [], deferrable: unit.rerunnable };
      const tx: TransactionContext = { manager: runner.manager, runner, dialect: this.dialect, unit: state };
      let outcome: Outcome;
      try {
        outcome = { ok: true, value: await this.current.run(tx, () => unit.work(tx)) };
      } catch (error) {
        outcome = { ok: false, error };
      } finally {
        state.open = false;
      }
      if (state.deferred) outcome = { ok: false, error: state.deferred };
      outcomes.push(outcome);
      states.push(state);
      if (!outcome.ok) takeBack(state);
      // A deadlock ended the transaction under this unit (even if the unit swallowed the error): nothing
      // more may run on it, since MySQL would autocommit each statement. Units that never started go back in the queue.
      if (groupState.lost !== undefined) {
        this.pending.unshift(...group.slice(i + 1));
        return { ran: group.slice(0, i + 1), outcomes, states, brokenBy: groupState.lost };
      }
      try {
        if (state.savepointSet && !outcome.ok) await this.statement(runner, `ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
        // SQLite nests savepoints of one name, and each open one makes later page changes copy pages
        // aside: release it. MySQL replaces a savepoint of the same name, so it needs no round trip.
        if (state.savepointSet && outcome.ok && this.dialect === 'sqlite') await this.statement(runner, `RELEASE SAVEPOINT ${SAVEPOINT}`);
      } catch (error) {
        // The transaction itself is gone (MySQL rolls all of it back on a deadlock, or the connection
        // dropped): nothing of this group will commit. Units that never started go back in the queue.
        this.pending.unshift(...group.slice(i + 1));
        return { ran: group.slice(0, i + 1), outcomes, states, brokenBy: error };
      }
    }
    this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
    return { ran: group, outcomes, states };
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

  /**
   * One COMMIT for the group, then every caller hears how its own unit went, except the units a lock
   * conflict undid: those are returned to run again, when `mayRerun` and they allow it.
   */
  private async finish(runner: QueryRunner, state: GroupState, result: GroupResult, mayRerun: boolean): Promise<Unit[]> {
    const { ran, outcomes, states, brokenBy } = result;
    const own = (i: number): unknown => {
      const outcome = outcomes[i];
      return outcome && !outcome.ok ? outcome.error : undefined;
    };
    const again: Unit[] = [];
    const deferred = ran.filter((_, i) => own(i) instanceof UnitDeferred);
    // First in the next transaction, where nothing holds a row before theirs.
    this.pending.unshift(...deferred);
    this.stats.deferred += deferred.length;
    /** Runs the unit again if `why` it failed is a lock conflict; otherwise the caller hears `error`. */
    const answer = (i: number, why: unknown, error: unknown) => {
      const unit = ran[i]!;
      if (own(i) instanceof UnitDeferred) return;
      if (mayRerun && unit.rerunnable && this.retry.cures(why)) again.push(unit);
      else unit.reject(error);
    };
    if (brokenBy !== undefined || outcomes.every((o) => !o.ok)) {
      await this.rollback(runner, state);
      undoKept(states, outcomes);
      // What took the transaction: the breaking unit's own error when it is the deadlock (what broke
      // afterwards was only the savepoint it took with it), else the broken bookkeeping itself.
      const last = own(ran.length - 1);
      const cause = brokenBy === undefined ? undefined : this.retry.cures(last) ? last : brokenBy;
      const lost = transactionLost(cause);
      // A unit that failed on its own account keeps its answer; the others only lost the transaction.
      ran.forEach((_, i) => {
        const why = own(i) ?? cause;
        answer(i, why, own(i) !== undefined ? translateDatabaseError(own(i)) : lost);
      });
      return again;
    }
    try {
      await this.commit(runner, state);
    } catch (error) {
      await this.rollback(runner, state);
      undoKept(states, outcomes);
      const failed = translateDatabaseError(error);
      ran.forEach((_, i) => answer(i, own(i) ?? error, failed));
      return again;
    }
    ran.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      // A lock-wait timeout rolls back only its statement: the rest of the group committed, this unit runs again.
      else answer(i, outcome.error, translateDatabaseError(outcome.error));
    });
    return again;
  }
}

interface GroupResult {
  /** The units that ran (and must be answered or run again now). */
  readonly ran: Unit[];
  readonly outcomes: Outcome[];
  readonly states: UnitState[];
  /** Set when the transaction broke: none of the group's writes will commit. */
  readonly brokenBy?: unknown;
}

/** The transaction was rolled back: the units that had succeeded lose their writes too, last one first. */
function undoKept(states: readonly UnitState[], outcomes: readonly Outcome[]): void {
  for (let i = states.length - 1; i >= 0; i--) if (outcomes[i]?.ok) takeBack(states[i]!);
}
