import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { createTable, schemaColumns } from './schema-columns';

/**
 * What the plugin host keeps. `plugin_installations` becomes one row per (plugin, tenant), the way chat
 * installs plugins, with its own id (the alert origin and storage key), the workspace it was installed
 * from (where alert rooms open) and who did it. Rows of the old per-workspace shape (nothing wrote them
 * before this release) are carried over with the workspace as their tenant.
 * `plugin_storage` is each installation's key-value store (ctx.storage); `plugin_health` the last
 * success and failure of every installation, the muster.yaml ones included, which have no row of their
 * own: health is written on every plugin call and is kept apart from the row holding sealed secrets.
 */
export class PluginHost1733000000008 implements MigrationInterface {
  readonly name = 'PluginHost1733000000008';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await runner.renameTable('plugin_installations', 'plugin_installations_v0');
    await createTable(runner, dialect, new Table({
      name: 'plugin_installations',
      columns: [
        { ...c.key('plugin_id', 128), isPrimary: true }, { ...c.key('tenant_id', 191), isPrimary: true }, c.key('installation_id', 64),
        c.key('installed_platform', 16), c.key('installed_workspace_id', 191), c.json('installed_by', true), c.flag('enabled'), c.json('config'),
        c.text('sealed_secrets', true), c.time('installed_at'), c.time('updated_at'),
      ],
      indices: [{ name: 'ix_plugin_installations_id', columnNames: ['installation_id'] }],
    }));
    const id = dialect === 'mysql' ? "CONCAT(plugin_id, ':', workspace_id)" : "plugin_id || ':' || workspace_id";
    await runner.query(`INSERT INTO plugin_installations (plugin_id, tenant_id, installation_id, installed_platform, installed_workspace_id, installed_by, enabled, config, sealed_secrets, installed_at, updated_at)
      SELECT plugin_id, workspace_id, ${id}, 'slack', workspace_id, NULL, enabled, config, sealed_secrets, installed_at, updated_at FROM plugin_installations_v0`);
    await runner.dropTable('plugin_installations_v0');
    await createTable(runner, dialect, new Table({
      name: 'plugin_storage',
      columns: [
        { ...c.key('plugin_id', 128), isPrimary: true }, { ...c.key('installation_id', 64), isPrimary: true }, { ...c.key('storage_key', 191), isPrimary: true },
        c.text('value'), c.time('updated_at'),
      ],
    }));
    await createTable(runner, dialect, new Table({
      name: 'plugin_health',
      columns: [
        { ...c.key('plugin_id', 128), isPrimary: true }, { ...c.key('installation_id', 64), isPrimary: true },
        c.time('last_success_at', true), c.time('last_failure_at', true), c.key('last_failure', 255, true),
      ],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await runner.dropTable('plugin_health', true);
    await runner.dropTable('plugin_storage', true);
    await runner.renameTable('plugin_installations', 'plugin_installations_v1');
    await createTable(runner, dialect, new Table({
      name: 'plugin_installations',
      columns: [
        { ...c.key('plugin_id', 128), isPrimary: true }, { ...c.key('workspace_id', 191), isPrimary: true }, c.flag('enabled'), c.json('config'),
        c.text('sealed_secrets', true), c.time('installed_at'), c.time('updated_at'),
      ],
    }));
    await runner.query(`INSERT INTO plugin_installations (plugin_id, workspace_id, enabled, config, sealed_secrets, installed_at, updated_at)
      SELECT plugin_id, installed_workspace_id, enabled, config, sealed_secrets, installed_at, updated_at FROM plugin_installations_v1`);
    await runner.dropTable('plugin_installations_v1');
  }
}
