import { expect } from 'chai';
import {
  AccessPolicy, AlertIntake, DeclareIncident, IncidentRecorder, TOKENS, TransitionIncident, WorkflowSubscriber,
  type AlertOrigin, type AlertSignal, type Clock, type IdGenerator, type MusterSettings, type UnitOfWork,
} from '@muster/core';
import { buildContainer, createLogger, loadConfig } from '@muster/server';
import { createStore, type Store } from '@muster/store';
import { countIfMariaDb } from './mariadb';
import { mariaDbTarget, sqliteTarget } from './sql-targets';
import { newId } from './fixtures';

const origin = (overrides: Partial<AlertOrigin> = {}): AlertOrigin => ({
  pluginId: 'alertmanager', pluginName: 'Prometheus Alertmanager', installationId: 'config', tenantId: 'acme', onResolve: 'resolve', private: false, ...overrides,
});
const signal = (status: AlertSignal['status'], groupKey: string, overrides: Partial<AlertSignal> = {}): AlertSignal => ({
  status, groupKey, deliveryId: newId('d'), title: `${groupKey} is failing`, url: 'https://alertmanager.example.com/#/alerts', ...overrides,
});

class Crash extends Error {}

/** One server instance's AlertIntake over a real store, as the composition root wires it. */
async function instance(store: Store) {
  const config = loadConfig({ env: { MUSTER_CONSOLE: 'off' }, cwd: process.cwd(), interactive: false, ignoreConfigFile: true });
  const container = await buildContainer(config, { store, logger: createLogger({ level: 'silent' }) });
  /** The same intake over another unit of work: one that pauses or fails where a case says. */
  const over = (unitOfWork: UnitOfWork) => new AlertIntake(
    unitOfWork, container.get<MusterSettings>(TOKENS.Settings), container.get(DeclareIncident), container.get(TransitionIncident),
    container.get(IncidentRecorder), container.get(AccessPolicy), container.get<Clock>(TOKENS.Clock), container.get<IdGenerator>(TOKENS.IdGenerator),
    container.get(WorkflowSubscriber),
  );
  return { intake: container.get(AlertIntake), over };
}

async function rows(store: Store): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['incidents', 'timeline_entries', 'outbox', 'inbox', 'alert_groups']) {
    const [row] = await store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number(row.n);
  }
  return counts;
}

/** AlertIntake over the SQL store: the transaction, the group link and its race are the database's. */
for (const target of [sqliteTarget, mariaDbTarget]) {
  describe(`AlertIntake over the SQL store on ${target.label}`, function () {
    this.timeout(60_000);
    let store: Store;
    let url: string;
    let cleanup: () => Promise<void>;
    const extra: Store[] = [];
    beforeEach(async () => {
      const fresh = await target.fresh();
      cleanup = fresh.cleanup;
      url = fresh.url;
      store = await createStore(url);
    });
    afterEach(async () => {
      countIfMariaDb(target.isMariaDb);
      for (const s of extra.splice(0)) await s.close();
      await store.close();
      await cleanup();
    });
    /** A second server instance over the same database where the store supports several (MariaDB); on SQLite, the same one. */
    const sibling = async (): Promise<Store> => {
      if (!target.isMariaDb) return store;
      const other = await createStore(url, { migrate: false });
      extra.push(other);
      return other;
    };

    it('declares, changes nothing on a redelivery, notes a later firing and resolves on the resolve', async () => {
      const { intake } = await instance(store);
      const first = signal('firing', 'checkout', { severity: 'SEV1' });
      expect((await intake.ingest(origin(), [first]))[0]!.action).to.equal('declared');
      const after = await rows(store);
      expect((await intake.ingest(origin(), [first]))[0]!.action).to.equal('duplicate');
      expect(await rows(store), 'a redelivery stores nothing').to.deep.equal(after);
      expect((await intake.ingest(origin(), [signal('firing', 'checkout')]))[0]!.action).to.equal('noted');
      expect((await intake.ingest(origin(), [signal('resolved', 'checkout')]))[0]!.action).to.equal('resolved');
      const [incident] = await store.repositories.incidents.list({ tenantId: 'acme' });
      expect(incident!.snapshot()).to.deep.include({ status: 'resolved', severity: 'SEV1', source: 'alertmanager' });
      expect((await intake.ingest(origin(), [signal('firing', 'checkout')]))[0]!.incident!.reference, 'a new incident after the resolve').to.equal('INC-2');
    });

    it('leaves nothing when the process fails in the middle of a webhook', async () => {
      const { over } = await instance(store);
      let links = 0;
      const crashing: UnitOfWork = {
        run: (work) => store.unitOfWork.run((tx) => work({
          ...tx,
          alertGroups: { find: (g) => tx.alertGroups.find(g), link: async (...args) => { if (++links === 2) throw new Crash('the process died'); return tx.alertGroups.link(...args); } },
        })),
      };
      const error = await over(crashing).ingest(origin(), [signal('firing', 'a'), signal('firing', 'b')]).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(Crash);
      expect(await rows(store)).to.deep.equal({ incidents: 0, timeline_entries: 0, outbox: 0, inbox: 0, alert_groups: 0 });
    });

    it('makes one incident of six webhooks of a new group arriving at once, on two instances where the database has them', async () => {
      const instances = [await instance(store), await instance(await sibling())];
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => instances[i % 2]!.intake.ingest(origin(), [signal('firing', 'checkout')])));
      expect(results.flat().map((r) => r.action).sort()).to.deep.equal(['declared', 'noted', 'noted', 'noted', 'noted', 'noted']);
      expect(await rows(store)).to.deep.include({ incidents: 1, alert_groups: 1, inbox: 6 });
    });

    if (target.isMariaDb) {
      // SQLite has one writer connection: a transaction held open there holds every other one back, so this
      // interleaving exists only where two instances write at once.
      it('rolls back the loser of a race for a new group, which then notes on the winner', async () => {
        let reachedFind!: () => void;
        let letGo!: () => void;
        const atFind = new Promise<void>((resolve) => (reachedFind = resolve));
        const gate = new Promise<void>((resolve) => (letGo = resolve));
        let runs = 0;
        const held: UnitOfWork = {
          run: (work) => {
            const run = ++runs;
            return store.unitOfWork.run((tx) => work({
              ...tx,
              alertGroups: {
                find: async (g) => { const found = await tx.alertGroups.find(g); if (run === 1) { reachedFind(); await gate; } return found; },
                link: (...args) => tx.alertGroups.link(...args),
              },
            }));
          },
        };
        const a = (await instance(store)).over(held).ingest(origin(), [signal('firing', 'checkout')]);
        await atFind;
        const [b] = await (await instance(await sibling())).intake.ingest(origin(), [signal('firing', 'checkout')]);
        letGo();
        const [late] = await a;
        expect(b!.action).to.equal('declared');
        expect(late).to.deep.include({ action: 'noted', incident: b!.incident });
        expect(runs, 'rolled back once, then ran again').to.equal(2);
        expect(await rows(store)).to.deep.include({ incidents: 1, alert_groups: 1, inbox: 2 });
      });
    }
  });
}

