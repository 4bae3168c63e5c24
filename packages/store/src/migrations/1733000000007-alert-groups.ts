import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { createTable, schemaColumns } from './schema-columns';

/**
 * One row per alert group (tenant, plugin, installation, group key), naming the incident its latest
 * firing declared. The primary key is what keeps two webhooks of a new group, handled at the same
 * moment by two instances, from both keeping an incident: the second insert fails and its unit rolls back.
 */
export class AlertGroups1733000000007 implements MigrationInterface {
  readonly name = 'AlertGroups1733000000007';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await createTable(runner, dialect, new Table({
      name: 'alert_groups',
      columns: [
        { ...c.key('id', 64), isPrimary: true }, c.key('tenant_id', 191), c.key('plugin_id', 128), c.key('installation_id', 191),
        c.text('group_key'), c.key('incident_id', 64), c.time('linked_at'),
      ],
      indices: [{ name: 'ix_alert_groups_incident', columnNames: ['incident_id'] }],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('alert_groups', true);
  }
}
