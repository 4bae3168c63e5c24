import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { columnNames, describeOnMigrationTargets, migrateWithCli, openBefore, withMigrationDatabase, withStore } from './migration-targets';

/**
 * Migration 1733000000002 on a database made by the release before it: tokens gain tenant `default`,
 * and names that were duplicated (allowed then) are suffixed so the new unique index can exist,
 * every token still working.
 */
const MIGRATION = 'ApiTokenTenants1733000000002';

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

describeOnMigrationTargets('api token tenants migration on an older database', 60_000, (target) => {
  it('keeps every token working, in tenant default, renaming later duplicates "<name> (n)"', () =>
    withMigrationDatabase(target, 'token-migration', async ({ url, dir }) => {
      const old = await openBefore(url, MIGRATION);
      expect(await columnNames(old, 'api_tokens')).to.not.include('tenant_id');
      const rows = [['a', 'ci', 1], ['b', 'ci', 2], ['c', 'ci (2)', 3], ['d', 'ci', 4], ['e', 'dashboard', 5]] as const;
      for (const [id, name, minute] of rows) {
        await old.query('INSERT INTO api_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
          [id, name, hash(`mst_token-${id}`), `2026-01-01 00:0${minute}:00.000`]);
      }
      await old.destroy();

      const migrated = await migrateWithCli(dir, url);
      expect(migrated.stdout).to.include(`ran ${MIGRATION}`);

      await withStore(url, async (store) => {
        const names = Object.fromEntries((await store.apiTokens.list()).map((t) => [t.id, `${t.tenantId}/${t.name}`]));
        expect(names).to.deep.equal({ a: 'default/ci', b: 'default/ci (3)', c: 'default/ci (2)', d: 'default/ci (4)', e: 'default/dashboard' });
        for (const [id] of rows) expect((await store.apiTokens.verify(`mst_token-${id}`))?.id).to.equal(id);
        // The index now holds: a new duplicate is refused.
        const refusal = await store.apiTokens.create('ci').then(() => undefined, (error: unknown) => error as Error);
        expect(refusal?.message).to.match(/already has a token named "ci" \(id a,/);
        expect(await store.apiTokens.list()).to.have.length(rows.length);
      });
    }));
});
