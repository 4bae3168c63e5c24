import { expect } from 'chai';
import { isMusterError, type Repositories } from '@muster/core';
import { createStore, repositoriesFor, type Store } from '@muster/store';
import { createScratchDatabase } from '../contract/mariadb';
import { declare, T0 } from '../contract/fixtures';

/** Resolved by one unit, awaited by another; the bound only stops a broken test from hanging. */
function signal(what: string): { give(): void; wait(): Promise<void> } {
  let give!: () => void;
  const given = new Promise<void>((resolve) => { give = resolve; });
  return {
    give,
    wait: () => Promise.race([given, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`Gave up waiting for ${what}`)), 20_000).unref())]),
  };
}

/**
 * A real deadlock between two instances' group commits on one MariaDB, made to happen every time: each
 * instance's unit locks one tenant's sequence row, waits until the other has locked the other tenant's,
 * then asks for it. InnoDB rolls one transaction back whole (ER_LOCK_DEADLOCK); the store runs that
 * group again, so nobody hears of it, and nothing is written twice.
 */
describe('group commit after a cross-instance deadlock (MariaDB, two stores)', function () {
  this.timeout(60_000);
  let database: { url: string; drop(): Promise<void> };
  let a: Store, b: Store, stingy: Store;

  before(async () => {
    database = await createScratchDatabase();
    a = await createStore(database.url);
    b = await createStore(database.url, { migrate: false });
    // As if retrying were off: what a person would have heard before.
    stingy = await createStore(database.url, { migrate: false, lockRetries: 0 });
  });

  after(async () => {
    for (const store of [a, b, stingy]) await store?.close().catch(() => undefined);
    await database?.drop();
  });

  /** Declares in `first`'s tenant, waits for the other side to hold its row, then declares in `second`'s. */
  const crossing = (tx: Repositories, first: string, second: string, mine: ReturnType<typeof signal>, theirs: ReturnType<typeof signal>) => async () => {
    const one = await tx.incidents.nextNumber(first);
    mine.give();
    await theirs.wait();
    const two = await tx.incidents.nextNumber(second);
    await tx.incidents.save(declare(one, { tenantId: first }));
    await tx.incidents.save(declare(two, { tenantId: second }));
    return [one, two];
  };
  const numbersOf = async (tenant: string) =>
    (await a.dataSource.query('SELECT number FROM incidents WHERE tenant_id = ? ORDER BY number', [tenant])).map((r: { number: number }) => Number(r.number));
  const claimedOnce = async (key: string) => Number((await a.dataSource.query('SELECT COUNT(*) AS n FROM inbox WHERE `key` = ?', [key]))[0].n);

  it('runs the deadlocked group again: both instances\' commands succeed, numbers stay contiguous, the neighbour\'s write is kept once', async () => {
    const [t0, t1] = ['tenant-deadlock-0', 'tenant-deadlock-1'];
    const held = [signal('a to lock its first row'), signal('b to lock its first row')];
    const neighbourRuns = [0, 0];
    const before = a.unitOfWork.stats.lockRetries + b.unitOfWork.stats.lockRetries;
    // Each instance's group carries a neighbour (the next person's note) before the crossing unit.
    const neighbour = (store: Store, i: number) => store.unitOfWork.run(async (tx) => {
      neighbourRuns[i]! += 1;
      return tx.inbox.claim(`slack:Ev-neighbour-${i}`, T0);
    });
    const outcomes = await Promise.allSettled([
      neighbour(a, 0), a.unitOfWork.run((tx) => crossing(tx, t0, t1, held[0]!, held[1]!)()),
      neighbour(b, 1), b.unitOfWork.run((tx) => crossing(tx, t1, t0, held[1]!, held[0]!)()),
    ]);
    expect(outcomes.map((o) => o.status), JSON.stringify(outcomes.map((o) => o.status === 'rejected' && String(o.reason)))).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const retried = a.unitOfWork.stats.lockRetries + b.unitOfWork.stats.lockRetries - before;
    expect(retried, 'a deadlock really happened, and its group ran again').to.be.at.least(1);
    // The victim's neighbour ran twice (its first write went with the transaction), and is stored once.
    expect([...neighbourRuns].sort()).to.deep.equal([1, 2]);
    for (const i of [0, 1]) {
      expect((outcomes[i * 2] as PromiseFulfilledResult<boolean>).value, `neighbour ${i} claimed its key`).to.equal(true);
      expect(await claimedOnce(`slack:Ev-neighbour-${i}`)).to.equal(1);
    }
    expect(await numbersOf(t0), 'one incident per declaration, no gap').to.deep.equal([1, 2]);
    expect(await numbersOf(t1)).to.deep.equal([1, 2]);
  });

  it('with retrying off, the losing group answers `unavailable` and keeps nothing, while the other commits', async () => {
    const [t0, t1] = ['tenant-stingy-0', 'tenant-stingy-1'];
    const held = [signal('a to lock its first row'), signal('the stingy one to lock its first row')];
    const outcomes = await Promise.allSettled([
      // The heavier transaction: InnoDB rolls back the one that changed fewer rows, so the stingy store loses.
      a.unitOfWork.run(async (tx) => {
        for (let i = 0; i < 5; i++) await tx.inbox.claim(`slack:Ev-heavy-${i}`, T0);
        return crossing(tx, t0, t1, held[0]!, held[1]!)();
      }),
      stingy.unitOfWork.run(async (tx) => tx.inbox.claim('slack:Ev-stingy-neighbour', T0)),
      stingy.unitOfWork.run((tx) => crossing(tx, t1, t0, held[1]!, held[0]!)()),
    ]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'rejected']);
    for (const o of outcomes.slice(1)) {
      const reason = (o as PromiseRejectedResult).reason;
      expect(isMusterError(reason, 'unavailable'), String(reason)).to.equal(true);
    }
    expect(await claimedOnce('slack:Ev-stingy-neighbour'), 'nothing of the lost group is kept').to.equal(0);
    expect(await numbersOf(t0)).to.deep.equal([1]);
    expect(await numbersOf(t1), 'the lost declaration gave its number back').to.deep.equal([1]);
  });

  it('takes a group\'s sequence rows in name order: a unit wanting an earlier row than its group holds runs first in the next transaction', async () => {
    const before = a.unitOfWork.stats.deferred;
    const runs = [0, 0];
    const declareIn = (i: number, tenant: string) => a.unitOfWork.run(async (tx) => {
      runs[i]! += 1;
      await tx.inbox.claim(`slack:Ev-ordered-${i}`, T0);
      const number = await tx.incidents.nextNumber(tenant);
      await tx.incidents.save(declare(number, { tenantId: tenant }));
      return number;
    });
    // One tick, one group: the second asks for `…-a` while the group holds `…-b`.
    expect(await Promise.all([declareIn(0, 'tenant-ordered-b'), declareIn(1, 'tenant-ordered-a')])).to.deep.equal([1, 1]);
    expect(a.unitOfWork.stats.deferred - before).to.equal(1);
    expect(runs, 'the deferred one was rolled back to its savepoint and ran again').to.deep.equal([1, 2]);
    expect(await claimedOnce('slack:Ev-ordered-1'), 'its claim before the deferral is kept once').to.equal(1);
    expect(await numbersOf('tenant-ordered-a')).to.deep.equal([1]);
  });

  it('defers a unit that swallowed the deferral all the same, so it never goes on without its number', async () => {
    const swallowing = a.unitOfWork.run(async (tx) => {
      try {
        return await tx.incidents.nextNumber('tenant-swallow-a');
      } catch {
        return 'went on without a number';
      }
    });
    const outcomes = await Promise.all([a.unitOfWork.run((tx) => tx.incidents.nextNumber('tenant-swallow-b')), swallowing]);
    expect(outcomes).to.deep.equal([1, 1]);
  });

  it('never defers work that may not run twice: it takes its row out of order', async () => {
    const before = a.unitOfWork.stats.deferred;
    const once = (tenant: string) => a.unitOfWork.executor.write((tx) => repositoriesFor(tx).incidents.nextNumber(tenant), { rerunnable: false });
    expect(await Promise.all([once('tenant-once-b'), once('tenant-once-a')])).to.deep.equal([1, 1]);
    expect(a.unitOfWork.stats.deferred - before).to.equal(0);
  });
});
