import type { EntityManager, QueryRunner } from 'typeorm';
import type { Dialect } from '../dialect';

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
  /**
   * Takes back what the unit changed in memory on behalf of its writes (an incident's version after a
   * save), run newest first when those writes do not last: the unit failed, or its group's transaction
   * was lost. A unit re-run after a deadlock, or a caller retrying with the same object, then works from
   * what the database still has instead of tripping over its own phantom version.
   */
  readonly undo: (() => void)[];
  /** The unit may be taken out of its group and run in the next one (it may run twice: ExecuteOptions.rerunnable). */
  readonly deferrable: boolean;
  /** Set when the unit was told to wait for the next transaction; it counts even if the work swallowed the error. */
  deferred?: Error;
}

/**
 * On MySQL the group's transaction also begins lazily, with its first statement and in the same round
 * trip (a group of one then costs two round trips, not four); SQLite begins at once through TypeORM.
 */
export interface GroupState {
  begun: boolean;
  /**
   * Set when a statement hit a deadlock: the server has rolled the whole transaction back, so a later
   * statement of the group would run outside any transaction (autocommit) and must be refused instead.
   */
  lost?: unknown;
  /** Sequence rows the transaction has locked, and the unit that took each (see sequence-lock-order.ts). */
  readonly sequenceRows: Map<string, UnitState>;
}

/** Takes back a unit's in-memory changes (UnitState.undo), newest first, once. */
export function takeBack(state: UnitState): void {
  for (const step of state.undo.splice(0).reverse()) step();
}

export const SAVEPOINT = 'muster_unit';
/** READ COMMITTED: every statement sees the latest committed rows, so a long group does not work from an old snapshot, and InnoDB takes fewer gap locks. */
export const BEGIN_MYSQL = ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'START TRANSACTION'];
