import { expect } from 'chai';
import { describeOnMigrationTargets, migrateUpDownUp, openBefore, withMigrationDatabase, withStore } from './migration-targets';

/**
 * Migration 1733000000009 on a database made by the release before it: services gain a tenant
 * (`default`), origin `api` (so no restart removes them), and names unique per tenant ignoring case,
 * a name that clashed only in case becoming `<name> (2)`; down and up again work.
 */
const MIGRATION = 'ServiceCatalogue1733000000009';

describeOnMigrationTargets('service catalogue migration on an older database', 60_000, (target) => {
  it('keeps every service, in tenant default as API-made, names unique ignoring case; undoes and redoes', () =>
    withMigrationDatabase(target, 'service-migration', async ({ url }) => {
      const old = await openBefore(url, MIGRATION);
      const insert = 'INSERT INTO services (id, name, description, owners, subject_matter_experts, runbooks) VALUES (?, ?, ?, ?, ?, ?)';
      await old.query(insert, ['a', 'Checkout', 'first', '[{"platform":"slack","id":"U1"}]', '[]', '[]']);
      await old.query(insert, ['b', 'checkout', 'second', '[]', '[]', '[{"title":"R","url":"https://r.example"}]']);
      await old.query(insert, ['c', 'search', '', '[]', '[]', '[]']);
      await migrateUpDownUp(old, MIGRATION);

      await withStore(url, async (store) => {
        const services = await store.repositories.services.list('default');
        expect(services.map((s) => `${s.id}:${s.name}:${s.origin}`)).to.deep.equal(['a:Checkout:api', 'b:checkout (2):api', 'c:search:api']);
        expect(services[0]).to.deep.include({ tenantId: 'default', owners: [{ platform: 'slack', id: 'U1' }], integrations: {}, public: false });
        expect(services[0]!.runbookFile).to.equal(undefined);
        expect((await store.repositories.services.findByName('default', 'CHECKOUT'))?.id).to.equal('a');
        const clash = await store.repositories.services.save({ ...services[2]!, id: 'd', name: 'SEARCH' }).then(() => undefined, (e: Error) => e);
        expect(clash?.message).to.match(/already exists/);
      });
    }));
});
