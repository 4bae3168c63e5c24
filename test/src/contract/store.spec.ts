import { existsSync } from 'node:fs';
import { expect } from 'chai';
import { isMusterError, MusterError, type Repositories } from '@muster/core';
import { createDataSource, createStore, MIGRATIONS, pendingMigrations, runMigrations, TypeOrmUnitOfWork, type Store } from '@muster/store';
import { ada, declare, entry, expectMusterError, newId, T0 } from './fixtures';
import { countIfMariaDb } from './mariadb';
import { mariaDbTarget, sqliteTarget } from './sql-targets';
import { storeExtrasCases } from './store-extras.cases';
import { conversationCases } from './conversations.cases';
import { teamsFileOfferCases } from './teams-file-offers.cases';

/** What only the SQL store has: migrations, URLs, connection failures, group commit, and its own small repositories. */
for (const target of [sqliteTarget, mariaDbTarget]) {
  describe(`@muster/store on ${target.label}`, function () {
    this.timeout(60_000);
    afterEach(() => countIfMariaDb(target.isMariaDb));

    it('migrates a fresh database: every migration pending before, in order, none after, and again is a no-op', async () => {
      const all = MIGRATIONS.map((m) => new m().name);
      const { url, cleanup } = await target.fresh();
      const dataSource = await createDataSource(url);
      try {
        expect(all[0]).to.equal('InitialSchema1732300000000');
        expect(await pendingMigrations(dataSource)).to.deep.equal(all);
        expect(await runMigrations(dataSource)).to.deep.equal(all);
        expect(await pendingMigrations(dataSource)).to.deep.equal([]);
        expect(await runMigrations(dataSource)).to.deep.equal([]);
        const tables = target.isMariaDb
          ? (await dataSource.query('SHOW TABLES')).map((row: Record<string, string>) => Object.values(row)[0])
          : (await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((row: { name: string }) => row.name);
        expect(tables).to.include.members(['incidents', 'incident_roles', 'timeline_entries', 'outbox', 'inbox', 'api_tokens', 'chat_installations', 'plugin_installations', 'summary_states', 'effect_results', 'conversation_references', 'alert_groups']);
        // The SQLite URL points into folders that did not exist: opening created them.
        if (!target.isMariaDb) expect(existsSync(url.slice('sqlite:'.length))).to.equal(true);
      } finally {
        await dataSource.destroy();
        await cleanup();
      }
    });

    describe('with a migrated store', () => {
      let store: Store;
      let cleanup: () => Promise<void>;
      before(async () => {
        const fresh = await target.fresh();
        cleanup = fresh.cleanup;
        store = await createStore(fresh.url);
      });
      after(async () => {
        await store.close();
        await cleanup();
      });

      it('writes dates as UTC whatever the process time zone, and reads them back exactly', async () => {
        const zone = process.env.TZ;
        process.env.TZ = 'Pacific/Chatham';
        try {
          const incident = declare(await store.repositories.incidents.nextNumber('default'), { at: new Date('2024-03-10T23:59:59.987Z') });
          await store.repositories.incidents.save(incident);
          const [row] = await store.dataSource.query(
            target.isMariaDb
              ? `SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f') AS created FROM incidents WHERE id = ?`
              : 'SELECT created_at AS created FROM incidents WHERE id = ?',
            [incident.id],
          );
          expect(String(row.created)).to.match(/^2024-03-10 23:59:59\.987/);
          expect((await store.repositories.incidents.findById(incident.id))!.snapshot().createdAt.toISOString()).to.equal('2024-03-10T23:59:59.987Z');
        } finally {
          if (zone === undefined) delete process.env.TZ;
          else process.env.TZ = zone;
        }
      });

      it('carries 200 concurrent units of work in a handful of transactions (group commit)', async () => {
        const before = { ...store.unitOfWork.stats };
        const incidentId = newId('inc');
        const started = process.hrtime.bigint();
        await Promise.all(Array.from({ length: 200 }, (_, i) => store.unitOfWork.run(async (tx) => {
          if (await tx.inbox.claim(`slack:Ev-burst-${incidentId}-${i}`, T0)) await tx.timeline.append(entry(incidentId, { text: `burst ${i}` }));
        })));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const groups = store.unitOfWork.stats.groups - before.groups;
        console.log(`      group commit on ${target.label}: 200 concurrent units in ${groups} transaction(s), ${ms.toFixed(0)} ms`);
        expect(await store.repositories.timeline.count(incidentId)).to.equal(200);
        expect(groups).to.be.at.most(3);
      });

      it('answers units that never reach the database, alone or among others', async () => {
        expect(await store.unitOfWork.run(async () => 'nothing to write')).to.equal('nothing to write');
        const incidentId = newId('inc');
        const results = await Promise.all([
          store.unitOfWork.run(async () => 'pure'),
          store.unitOfWork.run((tx) => tx.timeline.append(entry(incidentId))),
          store.unitOfWork.run(async () => { throw new Error('pure failure'); }).catch((e: Error) => e.message),
        ]);
        expect(results).to.deep.equal(['pure', true, 'pure failure']);
        expect(await store.repositories.timeline.count(incidentId)).to.equal(1);
      });

      it('caps a transaction at 256 units: 600 concurrent units take at least three', async () => {
        const before = { ...store.unitOfWork.stats };
        const incidentId = newId('inc');
        await Promise.all(Array.from({ length: 600 }, (_, i) => store.unitOfWork.run((tx) => tx.timeline.append(entry(incidentId, { text: `cap ${i}` })))));
        expect(store.unitOfWork.stats.groups - before.groups).to.be.at.least(3);
        expect(store.unitOfWork.stats.largestGroup).to.be.at.most(256);
        expect(await store.repositories.timeline.count(incidentId)).to.equal(600);
      });

      if (!target.isMariaDb) {
        // SQLite can defer a foreign-key check to COMMIT, which lets a test make the COMMIT itself fail.
        it('gives every unit of the group the error when the COMMIT fails, and keeps none of their writes', async () => {
          const incidentId = newId('inc');
          const outcomes = await Promise.allSettled([
            store.unitOfWork.run((tx) => tx.timeline.append(entry(incidentId, { text: 'before' }))),
            store.unitOfWork.executor.write(async (tx) => {
              await tx.runner.query('PRAGMA defer_foreign_keys = ON');
              await tx.runner.query(
                `INSERT INTO incident_roles (incident_id, ordinal, role, person_key, person, assigned_at, assigned_by) VALUES ('no-such-incident', 0, 'scribe', 'x', '{}', '2024-01-01 00:00:00.000', '{}')`);
            }),
            store.unitOfWork.run((tx) => tx.timeline.append(entry(incidentId, { text: 'after' }))),
          ]);
          expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
          expect(String((outcomes[0] as PromiseRejectedResult).reason)).to.match(/FOREIGN KEY/);
          expect(await store.repositories.timeline.count(incidentId)).to.equal(0);
          await store.unitOfWork.run((tx) => tx.timeline.append(entry(incidentId, { text: 'the store still works' })));
          expect(await store.repositories.timeline.count(incidentId)).to.equal(1);
        });
      }

      it('refuses a statement from a unit of work that has already finished, instead of slipping it into a later one', async () => {
        let leaked: Repositories | undefined;
        await store.unitOfWork.run(async (tx) => {
          leaked = tx;
        });
        await expectMusterError(leaked!.inbox.claim('slack:Ev-leaked', T0), 'internal');
        expect(await store.repositories.inbox.claim('slack:Ev-leaked', T0)).to.equal(true);
      });

      it('runs a unit of work started inside another as part of it: both commit, or neither', async () => {
        const incident = declare(await store.repositories.incidents.nextNumber('default'));
        const inner = entry(incident.id);
        await store.unitOfWork.run(async (tx) => {
          await tx.incidents.save(incident);
          await store.unitOfWork.run((nested) => nested.timeline.append(inner));
          // Non-transactional repositories used inside a unit join it as well instead of waiting for it.
          expect(await store.repositories.timeline.count(incident.id)).to.equal(1);
        });
        expect(await store.repositories.timeline.count(incident.id)).to.equal(1);
        const doomed = declare(await store.repositories.incidents.nextNumber('default'));
        await store.unitOfWork.run(async (tx) => {
          await tx.incidents.save(doomed);
          await store.unitOfWork.run((nested) => nested.timeline.append(entry(doomed.id)));
          throw new Error('outer fails');
        }).catch(() => undefined);
        expect(await store.repositories.timeline.count(doomed.id)).to.equal(0);
      });

      storeExtrasCases(() => store);
      conversationCases(() => store);
      teamsFileOfferCases(() => store);
    });

    it('answers `unavailable` when the database has gone away', async () => {
      const { url, cleanup } = await target.fresh();
      const dataSource = await createDataSource(url);
      await runMigrations(dataSource);
      const unitOfWork = new TypeOrmUnitOfWork(dataSource);
      await dataSource.destroy();
      await cleanup();
      await expectMusterError(unitOfWork.run((tx) => tx.inbox.claim('slack:Ev-gone', T0)), 'unavailable');
    });
  });
}

describe('@muster/store connection errors', function () {
  this.timeout(30_000);

  it('answers `unavailable` for a MariaDB on a closed port, without the password in the message', async () => {
    const error = await expectMusterError(createDataSource('mysql://muster:s3cret-pw@127.0.0.1:1/muster'), 'unavailable');
    expect(error.message).to.contain('127.0.0.1:1');
    expect(error.message).to.not.contain('s3cret-pw');
    countIfMariaDb(true);
  });

  it('answers `configuration` when MariaDB refuses the database name', async () => {
    const error = await expectMusterError(createDataSource('mysql://root@127.0.0.1:3306/muster_no_such_database'), 'configuration');
    expect(error.message).to.contain('MUSTER_DATABASE_URL');
    countIfMariaDb(true);
  });

  it('refuses a malformed URL with `configuration`, naming the problem and both accepted forms', async () => {
    for (const url of ['postgres://u:topsecret@h/db', 'mysql://u:topsecret@/db', 'mysql://u:topsecret@db-host', 'sqlite:', '']) {
      const error = await createDataSource(url).then(() => undefined, (e: unknown) => e);
      expect(isMusterError(error, 'configuration'), `${url}: ${String(error)}`).to.equal(true);
      const { message } = error as MusterError;
      expect(message).to.contain('sqlite:./data/muster.db').and.to.contain('mysql://user:password@host:3306/database');
      expect(message).to.not.contain('topsecret');
      expect(message.split('\n')).to.have.length(1);
    }
  });

  it('opens an in-memory SQLite database and migrates it', async () => {
    const store = await createStore('sqlite::memory:');
    try {
      const incident = declare(await store.repositories.incidents.nextNumber('default'), { declaredBy: ada });
      await store.repositories.incidents.save(incident);
      expect((await store.repositories.incidents.findByNumber('default', 1))!.id).to.equal(incident.id);
    } finally {
      await store.close();
    }
  });
});
