import { expect } from 'chai';
import { join } from 'node:path';
import { createDataSource, createStore, MIGRATIONS, runMigrations } from '@muster/store';
import { createMariaDbDatabase, removeDir, tempDir } from './server-support';

const MIGRATION = 'PluginHost1733000000008';
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

/**
 * Migration 1733000000008 on a database of the release before: plugin installations of the old
 * per-workspace shape are carried over (the workspace as their tenant, an id of their own), the new
 * tables exist, and down brings the old shape back with the rows.
 */
for (const target of TARGETS) {
  describe(`plugin host migration on an older database (${target.label})`, function () {
    this.timeout(120_000);

    it('carries per-workspace installations over as per-tenant ones, and back on down', async () => {
      const dir = tempDir('plugin-migration');
      const { url, drop } = await target.url(dir);
      try {
        const old = await createDataSource(url);
        await runMigrations(old);
        const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => new m().name === MIGRATION);
        for (let i = 0; i < later; i++) await old.undoLastMigration({ transaction: 'each' });
        await old.query(`INSERT INTO plugin_installations (plugin_id, workspace_id, enabled, config, sealed_secrets, installed_at, updated_at)
          VALUES ('jira', 'T0OLD', 1, '{"project":"OPS"}', 'v1.a.b.c', '2026-01-01 00:00:00.000', '2026-01-02 00:00:00.000')`);
        await runMigrations(old);
        await old.destroy();

        const store = await createStore(url, { migrate: false });
        try {
          const moved = await store.pluginInstallations.find('jira', 'T0OLD');
          expect(moved).to.deep.include({ pluginId: 'jira', tenantId: 'T0OLD', installationId: 'jira:T0OLD', installedFrom: { platform: 'slack', workspaceId: 'T0OLD' }, enabled: true, config: { project: 'OPS' }, sealedSecrets: 'v1.a.b.c' });
          await store.pluginStorage.set('jira', 'jira:T0OLD', 'k', '1', new Date());
          await store.pluginHealth.recordSuccess('jira', 'jira:T0OLD', new Date());
        } finally {
          await store.close();
        }

        const check = await createDataSource(url);
        try {
          // Back to just before the plugin host migration, whatever came after it.
          const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => new m().name === MIGRATION);
          for (let i = 0; i < later; i++) await check.undoLastMigration({ transaction: 'each' });
          const rows = await check.query('SELECT plugin_id, workspace_id, sealed_secrets FROM plugin_installations') as Record<string, unknown>[];
          expect(rows).to.deep.equal([{ plugin_id: 'jira', workspace_id: 'T0OLD', sealed_secrets: 'v1.a.b.c' }]);
        } finally {
          await check.destroy();
        }
      } finally {
        await drop();
        removeDir(dir);
      }
    });
  });
}
