import type { UnitState } from './transaction-context';

/**
 * Not an error anyone hears: the queue takes the unit out of its group and runs it first in the next.
 * Thrown before the unit takes a sequence row that sorts before one another unit of its group holds.
 */
export class UnitDeferred extends Error {
  override readonly name = 'UnitDeferred';
}

/**
 * Sequence rows (one per tenant's incident numbers) are taken in name order within one transaction, so
 * two instances' groups never wait on each other's sequence rows in a cycle: the commonest deadlock
 * between instances, two tenants declaring at once on each, cannot happen. A unit that would break the
 * order is deferred to the next group, where it runs first; its own rows a unit takes in any order (the
 * group of one it then makes is ordered by itself). Rows stay in the map after a unit fails, since
 * InnoDB keeps a row lock until the transaction ends, even after ROLLBACK TO SAVEPOINT. Work that may
 * not run twice is never deferred: it takes its row out of order, and a deadlock that follows reaches
 * its caller as `unavailable`.
 */
export function takeSequenceRow(unit: UnitState, name: string): void {
  const held = unit.group.sequenceRows;
  if (unit.deferrable) {
    for (const [row, by] of held) {
      if (by !== unit && row > name) {
        unit.deferred = new UnitDeferred(`sequence row ${name} after ${row}`);
        throw unit.deferred;
      }
    }
  }
  if (!held.has(name)) held.set(name, unit);
}
