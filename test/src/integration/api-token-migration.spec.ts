import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect } from 'chai';
import { createDataSource, createStore, MIGRATIONS, runMigrations } from '@muster/store';
import { createMariaDbDatabase, removeDir, runCli, tempDir } from './server-support';

/**
 * Migration 1733000000002 on a database made by the release before it: tokens gain tenant `default`,
 * and names that were duplicated (allowed then) are suffixed so the new unique index can exist,
 * every token still working.
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

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

for (const target of TARGETS) {
  describe(`api token tenants migration on an older database (${target.label})`, function () {
    this.timeout(60_000);

    it('keeps every token working, in tenant default, renaming later duplicates "<name> (n)"', async () => {
      const dir = tempDir('token-migration');
      const { url, drop } = await target.url(dir);
      try {
        const old = await createDataSource(url);
        await runMigrations(old);
        // Back to just before the tenants migration of API tokens, whatever came after it.
        const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => new m().name === 'ApiTokenTenants1733000000002');
        for (let i = 0; i < later; i++) await old.undoLastMigration({ transaction: 'each' });
        const columns: { name?: string; COLUMN_NAME?: string }[] = url.startsWith('sqlite')
          ? await old.query(`PRAGMA table_info(api_tokens)`)
          : await old.query(`SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'api_tokens'`);
        expect(columns.map((c) => c.name ?? c.COLUMN_NAME)).to.not.include('tenant_id');
        const rows = [['a', 'ci', 1], ['b', 'ci', 2], ['c', 'ci (2)', 3], ['d', 'ci', 4], ['e', 'dashboard', 5]] as const;
        for (const [id, name, minute] of rows) {
          await old.query('INSERT INTO api_tokens (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)',
            [id, name, hash(`mst_token-${id}`), `2026-01-01 00:0${minute}:00.000`]);
        }
        await old.destroy();

        const migrated = await runCli(['migrate'], { cwd: dir, env: { MUSTER_DATABASE_URL: url } });
        expect(migrated.code, migrated.stderr).to.equal(0);
        expect(migrated.stdout).to.include('ran ApiTokenTenants1733000000002');

        const store = await createStore(url, { migrate: false });
        try {
          const names = Object.fromEntries((await store.apiTokens.list()).map((t) => [t.id, `${t.tenantId}/${t.name}`]));
          expect(names).to.deep.equal({ a: 'default/ci', b: 'default/ci (3)', c: 'default/ci (2)', d: 'default/ci (4)', e: 'default/dashboard' });
          for (const [id] of rows) expect((await store.apiTokens.verify(`mst_token-${id}`))?.id).to.equal(id);
          // The index now holds: a new duplicate is refused.
          const refusal = await store.apiTokens.create('ci').then(() => undefined, (error: unknown) => error as Error);
          expect(refusal?.message).to.match(/already has a token named "ci" \(id a,/);
          expect(await store.apiTokens.list()).to.have.length(rows.length);
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
