import { join } from 'node:path';
import { expect } from 'chai';
import { createDataSource, createStore, MIGRATIONS, runMigrations } from '@muster/store';
import { createMariaDbDatabase, removeDir, tempDir } from './server-support';

/**
 * Migration 1733000000009 on a database made by the release before it: services gain a tenant
 * (`default`), origin `api` (so no restart removes them), and names unique per tenant ignoring case,
 * a name that clashed only in case becoming `<name> (2)`; down and up again work.
 */
const TARGETS = [
  { label: 'SQLite', url: async (dir: string) => ({ url: `sqlite:${join(dir, 'old.db')}`, drop: async () => undefined }) },
  {
    label: 'MariaDB',
    url: async () => {
      const db = await createMariaDbDatabase();
      return { url: `mysql://root@127.0.0.1:3306/${db.name}`, drop: () => db.drop() };
    },
  },
];
const MIGRATION = 'ServiceCatalogue1733000000009';

for (const target of TARGETS) {
  describe(`service catalogue migration on an older database (${target.label})`, function () {
    this.timeout(60_000);

    it('keeps every service, in tenant default as API-made, names unique ignoring case; undoes and redoes', async () => {
      const dir = tempDir('service-migration');
      const { url, drop } = await target.url(dir);
      try {
        const old = await createDataSource(url);
        await runMigrations(old);
        const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => new m().name === MIGRATION);
        for (let i = 0; i < later; i++) await old.undoLastMigration({ transaction: 'each' });
        const insert = 'INSERT INTO services (id, name, description, owners, subject_matter_experts, runbooks) VALUES (?, ?, ?, ?, ?, ?)';
        await old.query(insert, ['a', 'Checkout', 'first', '[{"platform":"slack","id":"U1"}]', '[]', '[]']);
        await old.query(insert, ['b', 'checkout', 'second', '[]', '[]', '[{"title":"R","url":"https://r.example"}]']);
        await old.query(insert, ['c', 'search', '', '[]', '[]', '[]']);
        await runMigrations(old);
        await old.undoLastMigration({ transaction: 'each' });
        await old.undoLastMigration({ transaction: 'each' });
        await runMigrations(old);
        await old.destroy();

        const store = await createStore(url, { migrate: false });
        try {
          const services = await store.repositories.services.list('default');
          expect(services.map((s) => `${s.id}:${s.name}:${s.origin}`)).to.deep.equal(['a:Checkout:api', 'b:checkout (2):api', 'c:search:api']);
          expect(services[0]).to.deep.include({ tenantId: 'default', owners: [{ platform: 'slack', id: 'U1' }], integrations: {}, public: false });
          expect(services[0]!.runbookFile).to.equal(undefined);
          expect((await store.repositories.services.findByName('default', 'CHECKOUT'))?.id).to.equal('a');
          const clash = await store.repositories.services.save({ ...services[2]!, id: 'd', name: 'SEARCH' }).then(() => undefined, (e: Error) => e);
          expect(clash?.message).to.match(/already exists/);
        } finally {
          await store.close();
        }
      } finally {
        await drop();
        removeDir(dir);
      }
    });
  });
}
