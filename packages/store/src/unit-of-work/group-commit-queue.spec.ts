import { expect } from 'chai';
import { Incident, isMusterError, SeverityCatalog } from '@muster/core';
import { createStore, type Store } from '../create-store';
import { repositoriesFor } from './repositories-for';
import type { TransactionContext } from './transaction-context';

/**
 * The group commit queue's answer to lock conflicts, on SQLite (which never raises them itself): the
 * errors MySQL would give are thrown by the units here, and a deadlock's loss of the whole transaction
 * is marked the way `sql()` marks it. The real thing, two MariaDB stores deadlocking, is in
 * test/src/integration/group-commit-deadlock-mariadb.spec.ts.
 */
const driverError = (code: string, errno: number) => Object.assign(new Error(`${code} from the server`), { code, errno });
const deadlock = () => driverError('ER_LOCK_DEADLOCK', 1213);
const lockWaitTimeout = () => driverError('ER_LOCK_WAIT_TIMEOUT', 1205);

/** What MySQL does on a deadlock: the whole transaction is gone (sql() records it so), and the statement throws. */
function loseTransaction(tx: TransactionContext): never {
  const error = deadlock();
  tx.unit!.group.lost = error;
  throw error;
}

const severities = new SeverityCatalog();
const newIncident = (number: number) => Incident.declare({
  id: `inc-retry-${number}-${Math.random().toString(36).slice(2)}`, number, title: 'Checkout is failing', severity: 'SEV2',
  declaredBy: { platform: 'slack', id: 'U0ADA' }, source: 'slack', at: new Date('2024-05-01T10:00:00Z'),
}, severities);

describe('GroupCommitQueue: a transaction lost to a lock conflict', () => {
  let store: Store;
  const claimed = async (key: string) => !(await store.repositories.inbox.claim(key, new Date()));

  beforeEach(async () => {
    store = await createStore('sqlite::memory:', { lockRetryDelayMs: 1 });
  });
  afterEach(async () => {
    await store.close();
  });

  it('runs a unit whose transaction a deadlock took once more, and its caller hears only the success', async () => {
    let runs = 0;
    const value = await store.unitOfWork.executor.write(async (tx) => {
      runs += 1;
      await repositoriesFor(tx).inbox.claim('retry:first-try-only', new Date());
      if (runs === 1) loseTransaction(tx);
      return 'declared';
    });
    expect(value).to.equal('declared');
    expect(runs).to.equal(2);
    expect(store.unitOfWork.stats.lockRetries).to.equal(1);
    expect(await claimed('retry:first-try-only'), 'the re-run wrote it, once').to.equal(true);
  });

  it('runs every unit of the lost group again, those whose work had succeeded too, and keeps each write once', async () => {
    const runs = [0, 0, 0];
    const unit = (i: number) => store.unitOfWork.executor.write(async (tx) => {
      runs[i]! += 1;
      await repositoriesFor(tx).inbox.claim(`retry:group-${i}`, new Date());
      if (i === 1 && runs[i] === 1) loseTransaction(tx);
      return i;
    });
    // Started in one tick, so they share one transaction.
    expect(await Promise.all([unit(0), unit(1), unit(2)])).to.deep.equal([0, 1, 2]);
    // The third had not started when the transaction went: it waited for the next one, and ran once.
    expect(runs).to.deep.equal([2, 2, 1]);
    for (const i of [0, 1, 2]) expect(await claimed(`retry:group-${i}`), `unit ${i}`).to.equal(true);
  });

  it('gives up after the bound with `unavailable`, and nothing of the group is kept', async () => {
    let runs = 0;
    let neighbourRuns = 0;
    const [lost, neighbour] = await Promise.allSettled([
      store.unitOfWork.executor.write(async (tx) => {
        runs += 1;
        await repositoriesFor(tx).inbox.claim('retry:never', new Date());
        loseTransaction(tx);
      }),
      store.unitOfWork.executor.write(async (tx) => {
        neighbourRuns += 1;
        await repositoriesFor(tx).inbox.claim('retry:neighbour', new Date());
      }),
    ]);
    expect(runs, 'the first try and three re-runs').to.equal(4);
    expect(lost.status).to.equal('rejected');
    const error = (lost as PromiseRejectedResult).reason;
    expect(isMusterError(error, 'unavailable'), String(error)).to.equal(true);
    expect((error as Error).message).to.equal('The database is busy (ER_LOCK_DEADLOCK); nothing was saved. Try again in a moment.');
    expect(await claimed('retry:never'), 'nothing half-written').to.equal(false);
    // The neighbour had not started when the transaction went; it ran once, after the retries.
    expect(neighbour.status).to.equal('fulfilled');
    expect(neighbourRuns).to.equal(1);
    expect(await claimed('retry:neighbour')).to.equal(true);
  });

  it('does not run again work marked not rerunnable: its caller hears `unavailable` at once', async () => {
    let runs = 0;
    const outcome = store.unitOfWork.executor.write(async (tx) => {
      runs += 1;
      loseTransaction(tx);
    }, { rerunnable: false });
    const error = await outcome.then(() => undefined, (e: unknown) => e);
    expect(isMusterError(error, 'unavailable')).to.equal(true);
    expect(runs).to.equal(1);
  });

  it('runs again a unit whose statement alone timed out waiting for a lock, while the rest of its group commits once', async () => {
    const runs = [0, 0];
    const results = await Promise.all([0, 1].map((i) => store.unitOfWork.executor.write(async (tx) => {
      runs[i]! += 1;
      await repositoriesFor(tx).inbox.claim(`retry:timeout-${i}`, new Date());
      // ER_LOCK_WAIT_TIMEOUT rolls back the statement, not the transaction: only this unit lost its work.
      if (i === 0 && runs[i] === 1) throw lockWaitTimeout();
      return i;
    })));
    expect(results).to.deep.equal([0, 1]);
    expect(runs).to.deep.equal([2, 1]);
    for (const i of [0, 1]) expect(await claimed(`retry:timeout-${i}`)).to.equal(true);
  });

  it('never runs again work that failed on its own account', async () => {
    let runs = 0;
    const error = await store.unitOfWork.executor.write(async () => {
      runs += 1;
      throw new Error('a bug, not a lock');
    }).then(() => undefined, (e: Error) => e.message);
    expect(error).to.equal('a bug, not a lock');
    expect(runs).to.equal(1);
    expect(store.unitOfWork.stats.lockRetries).to.equal(0);
  });

  it('puts a saved incident back at the version the database has when its save does not last, so the re-run saves it', async () => {
    const incident = newIncident(1);
    let first = true;
    // The save of a copy loaded outside any unit (the auto-commit repositories), sharing a transaction that a deadlock takes.
    const [saved] = await Promise.all([
      store.repositories.incidents.save(incident),
      store.unitOfWork.executor.write(async (tx) => {
        if (first) {
          first = false;
          await repositoriesFor(tx).inbox.claim('retry:version', new Date());
          loseTransaction(tx);
        }
      }),
    ]);
    expect(saved).to.equal(undefined);
    expect(incident.version).to.equal(1);
    const stored = await store.repositories.incidents.findById(incident.id);
    expect(stored?.version).to.equal(1);
    // And a unit that fails after saving leaves the copy at the stored version, not at one that was rolled back.
    incident.editDetails({ title: 'Checkout is failing for everyone' }, { platform: 'slack', id: 'U0ADA' }, new Date('2024-05-01T10:05:00Z'));
    const failed = await store.unitOfWork.run(async (tx) => {
      await tx.incidents.save(incident);
      throw new Error('failed after the save');
    }).then(() => undefined, (e: Error) => e.message);
    expect(failed).to.equal('failed after the save');
    expect(incident.version).to.equal(1);
    await store.repositories.incidents.save(incident);
    expect((await store.repositories.incidents.findById(incident.id))?.version).to.equal(2);
  });
});

describe('GroupCommitQueue: how long a group collects before BEGIN (SQLite)', () => {
  /** Two units, the second started a few microtasks after the first (as a request that awaited its parsing). */
  async function transactionsFor(collect?: 'microtask' | 'tick'): Promise<number> {
    const store = await createStore('sqlite::memory:', collect ? { collect } : {});
    try {
      const before = store.unitOfWork.stats.groups;
      const first = store.unitOfWork.run((tx) => tx.inbox.claim(`collect:${collect}:1`, new Date()));
      await Promise.resolve();
      await Promise.resolve();
      const second = store.unitOfWork.run((tx) => tx.inbox.claim(`collect:${collect}:2`, new Date()));
      expect(await Promise.all([first, second])).to.deep.equal([true, true]);
      return store.unitOfWork.stats.groups - before;
    } finally {
      await store.close();
    }
  }

  it('waits one turn of the event loop by default, so units that start apart within it share one transaction', async () => {
    expect(await transactionsFor()).to.equal(1);
  });

  it('with collect: microtask, a unit that starts after the group began runs in the next transaction (better-sqlite3 runs a group synchronously)', async () => {
    expect(await transactionsFor('microtask')).to.equal(2);
  });
});
