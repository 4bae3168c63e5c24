import { expect } from 'chai';
import { runMigrations } from '@muster/store';
import { describeOnMigrationTargets, openBefore, undoThrough, withDataSource, withMigrationDatabase, withStore } from './migration-targets';

const MIGRATION = 'PluginHost1733000000008';

/**
 * Migration 1733000000008 on a database of the release before: plugin installations of the old
 * per-workspace shape are carried over (the workspace as their tenant, an id of their own), the new
 * tables exist, and down brings the old shape back with the rows.
 */
describeOnMigrationTargets('plugin host migration on an older database', 120_000, (target) => {
  it('carries per-workspace installations over as per-tenant ones, and back on down', () =>
    withMigrationDatabase(target, 'plugin-migration', async ({ url }) => {
      const old = await openBefore(url, MIGRATION);
      await old.query(`INSERT INTO plugin_installations (plugin_id, workspace_id, enabled, config, sealed_secrets, installed_at, updated_at)
        VALUES ('jira', 'T0OLD', 1, '{"project":"OPS"}', 'v1.a.b.c', '2026-01-01 00:00:00.000', '2026-01-02 00:00:00.000')`);
      await runMigrations(old);
      await old.destroy();

      await withStore(url, async (store) => {
        const moved = await store.pluginInstallations.find('jira', 'T0OLD');
        expect(moved).to.deep.include({ pluginId: 'jira', tenantId: 'T0OLD', installationId: 'jira:T0OLD', installedFrom: { platform: 'slack', workspaceId: 'T0OLD' }, enabled: true, config: { project: 'OPS' }, sealedSecrets: 'v1.a.b.c' });
        await store.pluginStorage.set('jira', 'jira:T0OLD', 'k', '1', new Date());
        await store.pluginHealth.recordSuccess('jira', 'jira:T0OLD', new Date());
      });

      await withDataSource(url, async (check) => {
        // Back to just before the plugin host migration, whatever came after it.
        await undoThrough(check, MIGRATION);
        const rows = await check.query('SELECT plugin_id, workspace_id, sealed_secrets FROM plugin_installations') as Record<string, unknown>[];
        expect(rows).to.deep.equal([{ plugin_id: 'jira', workspace_id: 'T0OLD', sealed_secrets: 'v1.a.b.c' }]);
      });
    }));
});
