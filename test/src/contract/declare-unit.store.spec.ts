import { expect } from 'chai';
import { DeclareIncident, type RequestContext } from '@muster/core';
import { buildContainer, createLogger, loadConfig } from '@muster/server';
import { createStore, type Store } from '@muster/store';
import { ada, newId } from './fixtures';
import { countIfMariaDb } from './mariadb';
import { mariaDbTarget, sqliteTarget } from './sql-targets';
import { StatementCounter } from './statement-counter';

/**
 * What one declaration costs the database, counted at the driver (never timed): the statements of a
 * declare unit, and how concurrent declarations share commits. Issue 14: a round trip added to the
 * declare unit makes these fail; lower the pinned counts when one is taken away.
 */
const PINNED: Record<string, readonly string[]> = {
  // One round trip each; the first begins the transaction, some carry several statements (`; `).
  MariaDB: [
    'START TRANSACTION + INSERT inbox',
    'INSERT sequences',
    'INSERT incidents + INSERT incident_roles',
    'INSERT timeline_entries',
    'INSERT outbox',
    'COMMIT',
  ],
  SQLite: [
    'BEGIN',
    'INSERT inbox',
    'INSERT sequences',
    'INSERT incidents',
    'INSERT incident_roles',
    'INSERT timeline_entries',
    'INSERT outbox',
    'COMMIT',
  ],
};

/** `INSERT INTO inbox (…) VALUES …` → `INSERT inbox`; several statements joined with ` + `. */
function shape(sent: string): string {
  return sent.split(/;\s*/).filter((s) => s.trim() && !/^SET TRANSACTION/i.test(s.trim())).map((s) => {
    const words = s.trim().replace(/[`"]/g, '').split(/\s+/);
    const verb = words[0]!.toUpperCase();
    if (verb === 'INSERT') return `INSERT ${words[2]}`;
    if (verb === 'UPDATE') return `UPDATE ${words[1]}`;
    if (verb === 'DELETE' || verb === 'SELECT') return `${verb} ${words[words.findIndex((w) => w.toUpperCase() === 'FROM') + 1]}`;
    return words.slice(0, 2).join(' ').toUpperCase().replace(/ TRANSACTION$/, ' TRANSACTION').replace(/^BEGIN.*/, 'BEGIN').replace(/^COMMIT.*/, 'COMMIT');
  }).join(' + ');
}

const context = (key: string): RequestContext => ({
  actor: ada, platform: 'slack', workspaceId: 'T0ACME', idempotencyKey: key,
  conversation: { platform: 'slack', workspaceId: 'T0ACME', conversationId: 'C0INCIDENTS' },
});

for (const target of [sqliteTarget, mariaDbTarget]) {
  describe(`a declare unit on ${target.label} (counted at the driver)`, function () {
    this.timeout(60_000);
    let store: Store;
    let cleanup: () => Promise<void>;
    let counter: StatementCounter;
    let declare: DeclareIncident;

    beforeEach(async () => {
      const fresh = await target.fresh();
      cleanup = fresh.cleanup;
      store = await createStore(fresh.url);
      counter = StatementCounter.install(store.dataSource);
      const config = loadConfig({ env: { MUSTER_CONSOLE: 'off' }, cwd: process.cwd(), interactive: false, ignoreConfigFile: true });
      const container = await buildContainer(config, { store, logger: createLogger({ level: 'silent' }) });
      declare = container.get(DeclareIncident);
      // The tenant's first declaration also creates its number sequence: not what is pinned.
      await declare.execute(context(newId('warm')), { title: 'Warm-up', severity: 'SEV2' });
    });
    afterEach(async () => {
      countIfMariaDb(target.isMariaDb);
      await store.close();
      await cleanup();
    });

    it('sends exactly the pinned statements for one declaration alone', async () => {
      const sent = await counter.during(() => declare.execute(context(newId('one')), { title: 'Checkout is failing', severity: 'SEV2' }));
      expect(sent.map(shape), sent.join('\n')).to.deep.equal(PINNED[target.label]);
    });

    it('lets 32 concurrent declarations share commits, each with its own number, all stored', async () => {
      const before = { ...store.unitOfWork.stats };
      const outcomes = await Promise.all(Array.from({ length: 32 }, (_, i) => declare.execute(context(newId(`burst-${i}`)), { title: `Burst ${i}`, severity: 'SEV2' })));
      const groups = store.unitOfWork.stats.groups - before.groups;
      const numbers = outcomes.map((o) => o.incident.snapshot().number);
      expect(new Set(numbers).size).to.equal(32);
      expect(groups, `${groups} transactions for 32 declarations`).to.be.at.most(4);
      const [row] = await store.dataSource.query('SELECT COUNT(*) AS n, COUNT(DISTINCT number) AS d FROM incidents');
      expect([Number(row.n), Number(row.d)]).to.deep.equal([33, 33]);
    });

    it('keeps the other declarations of a group when one unit in it fails, and nothing of the failed one', async () => {
      const before = { ...store.unitOfWork.stats };
      const failing = store.unitOfWork.run(async (tx) => {
        await tx.inbox.claim('declare:doomed', new Date());
        await tx.incidents.nextNumber('default');
        throw new Error('the unit changed its mind');
      });
      const declared = Array.from({ length: 8 }, (_, i) => declare.execute(context(newId(`kept-${i}`)), { title: `Kept ${i}`, severity: 'SEV2' }));
      const [failure, ...kept] = await Promise.allSettled([failing, ...declared]);
      expect(failure!.status).to.equal('rejected');
      expect(kept.every((k) => k.status === 'fulfilled')).to.equal(true);
      expect(store.unitOfWork.stats.groups - before.groups, 'they shared a transaction').to.be.at.most(2);
      expect(await store.dataSource.query(`SELECT ${target.isMariaDb ? '`key`' : '"key"'} FROM inbox WHERE ${target.isMariaDb ? '`key`' : '"key"'} = 'declare:doomed'`)).to.have.length(0);
      const numbers = kept.map((k) => (k as PromiseFulfilledResult<{ incident: { snapshot(): { number: number } } }>).value.incident.snapshot().number).sort((a, b) => a - b);
      // The failed unit's number was rolled back with it: the kept ones are consecutive after the warm-up.
      expect(numbers).to.deep.equal([2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });
}
