import { expect } from 'chai';
import { createStore, type Store } from '@muster/store';
import { createScratchDatabase } from '../contract/mariadb';
import { declare, entry, T0 } from '../contract/fixtures';

/**
 * What issue 12's audit found shared through the database, checked the way three instances use it:
 * three stores (each its own DataSource, pool and group-commit queue, as in three processes) on one
 * MariaDB database, racing on the rows that must serialize them.
 */
describe('shared state across three instances on one MariaDB (incident numbers, inbox)', function () {
  this.timeout(60_000);
  let database: { url: string; drop(): Promise<void> };
  let stores: Store[];

  before(async () => {
    database = await createScratchDatabase();
    const first = await createStore(database.url);
    // The others start on a migrated database, as `muster migrate` runs once before a fleet starts.
    stores = [first, await createStore(database.url, { migrate: false }), await createStore(database.url, { migrate: false })];
  });

  after(async () => {
    for (const store of stores ?? []) await store.close().catch(() => undefined);
    await database?.drop();
  });

  /** Declares one incident in `tenant` through `store`'s unit of work; `fail` rolls the declaration back after it took its number. */
  const declareIn = (store: Store, tenant: string, fail = false) => store.unitOfWork.run(async (tx) => {
    const number = await tx.incidents.nextNumber(tenant);
    await tx.incidents.save(declare(number, { tenantId: tenant }));
    if (fail) throw new Error('the declaration failed after its number was taken');
    return number;
  });

  it('numbers a brand-new tenant\'s concurrent first declarations from three instances 1..N, each once, no gap', async () => {
    const tenant = 'tenant-race';
    const numbers = await Promise.all(Array.from({ length: 45 }, (_, i) => declareIn(stores[i % 3]!, tenant)));
    expect([...numbers].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 45 }, (_, i) => i + 1));
    const [row] = await stores[0]!.dataSource.query('SELECT value FROM sequences WHERE name = ?', [`incident:${tenant}`]);
    expect(Number(row.value)).to.equal(45);
  });

  it('gives a rolled-back declaration\'s number to the next one, even when the next comes from another instance', async () => {
    const tenant = 'tenant-rollback';
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => declareIn(stores[i % 3]!, tenant, i % 4 === 1)));
    const committed = outcomes.filter((o): o is PromiseFulfilledResult<number> => o.status === 'fulfilled').map((o) => o.value);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed).to.have.length(8);
    for (const f of failed) expect((f as PromiseRejectedResult).reason.message).to.equal('the declaration failed after its number was taken');
    expect([...committed].sort((a, b) => a - b), 'committed numbers are contiguous').to.deep.equal(Array.from({ length: 22 }, (_, i) => i + 1));
    const stored = await stores[1]!.dataSource.query('SELECT number FROM incidents WHERE tenant_id = ? ORDER BY number', [tenant]);
    expect(stored.map((r: { number: number }) => Number(r.number))).to.deep.equal(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('keeps tenants\' numbers apart while they race; no person sees a cross-instance deadlock: every command succeeds, once', async () => {
    // Two tenants' sequence rows locked in opposite orders by two instances' groups would deadlock (MySQL
    // rolls the losing transaction back whole). The store takes a transaction's sequence rows in name order
    // (deferring a unit that would break it) and runs a group lost to any other lock conflict again. What
    // must hold: no person hears `unavailable`, each command made one incident and one timeline entry, and
    // numbers stay unique and contiguous per tenant. group-commit-deadlock-mariadb.spec.ts makes a deadlock
    // happen every time.
    const command = (i: number) => stores[i % 3]!.unitOfWork.run(async (tx) => {
      const key = `request:apart-${i}`;
      if (!(await tx.inbox.claim(key, T0))) throw new Error(`command ${i} ran twice`);
      const tenant = `tenant-apart-${i % 2}`;
      const incident = declare(await tx.incidents.nextNumber(tenant), { tenantId: tenant, title: `Command ${i}` });
      await tx.incidents.save(incident);
      await tx.timeline.append(entry(incident.id, { idempotencyKey: `${key}:0`, kind: 'declared', text: `Declared by command ${i}` }));
      return incident.snapshot().number;
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 24 }, (_, i) => command(i)));
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => String(o.reason));
    expect(refused, 'nobody hears `unavailable`').to.deep.equal([]);
    const numbers = outcomes.map((o) => (o as PromiseFulfilledResult<number>).value);
    const byTenant = [0, 1].map((t) => numbers.filter((_, i) => i % 2 === t).sort((a, b) => a - b));
    const oneToTwelve = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(byTenant).to.deep.equal([oneToTwelve, oneToTwelve]);
    for (const t of [0, 1]) {
      const stored = await stores[0]!.dataSource.query('SELECT number FROM incidents WHERE tenant_id = ? ORDER BY number', [`tenant-apart-${t}`]);
      expect(stored.map((r: { number: number }) => Number(r.number)), 'one incident per command, nothing of a lost try kept').to.deep.equal(oneToTwelve);
    }
    const titles = await stores[1]!.dataSource.query("SELECT title FROM incidents WHERE tenant_id LIKE 'tenant-apart-%' ORDER BY title");
    expect(titles.map((r: { title: string }) => r.title)).to.deep.equal(Array.from({ length: 24 }, (_, i) => `Command ${i}`).sort());
    const entries = await stores[2]!.dataSource.query("SELECT idempotency_key AS k FROM timeline_entries WHERE idempotency_key LIKE 'request:apart-%' ORDER BY idempotency_key");
    expect(entries.map((r: { k: string }) => r.k), 'one timeline entry per command').to.deep.equal(Array.from({ length: 24 }, (_, i) => `request:apart-${i}:0`).sort());
  });

  it('lets exactly one of three instances claim a redelivered event, whichever commits first, and stores its entry once', async () => {
    const incident = declare(await stores[0]!.repositories.incidents.nextNumber('default'));
    await stores[0]!.repositories.incidents.save(incident);
    for (let round = 0; round < 10; round++) {
      const key = `slack:Ev-redelivered-${round}`;
      // The same delivery reaches all three at once (Slack retried while the first was still answering).
      const claims = await Promise.all(stores.map((store) => store.unitOfWork.run(async (tx) => {
        if (!(await tx.inbox.claim(key, T0))) return false;
        await tx.timeline.append(entry(incident.id, { idempotencyKey: key, text: `round ${round}` }));
        return true;
      })));
      expect(claims.filter(Boolean), `round ${round}`).to.have.length(1);
    }
    const [{ n }] = await stores[2]!.dataSource.query('SELECT COUNT(*) AS n FROM timeline_entries WHERE incident_id = ?', [incident.id]);
    expect(Number(n)).to.equal(10);
  });

  it('gives the claim back when the claiming instance rolls back, so the redelivery on another instance is taken', async () => {
    const key = 'slack:Ev-claimed-then-crashed';
    const failed = await stores[0]!.unitOfWork.run(async (tx) => {
      await tx.inbox.claim(key, T0);
      throw new Error('the instance failed before it stored the event');
    }).then(() => undefined, (error: Error) => error.message);
    expect(failed).to.equal('the instance failed before it stored the event');
    expect(await stores[1]!.unitOfWork.run((tx) => tx.inbox.claim(key, T0))).to.equal(true);
    expect(await stores[2]!.unitOfWork.run((tx) => tx.inbox.claim(key, T0))).to.equal(false);
  });
});
