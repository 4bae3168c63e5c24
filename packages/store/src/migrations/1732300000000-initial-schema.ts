import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { MAX_KEY_LENGTH } from '../errors';
import { createTable, schemaColumns } from './schema-columns';

/** Every table of Muster 0.1. Written with the Table API so the same migration runs on MySQL/MariaDB and SQLite. */
export class InitialSchema1732300000000 implements MigrationInterface {
  readonly name = 'InitialSchema1732300000000';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    const create = (table: Table) => createTable(runner, dialect, table);
    const cascadeFrom = (column: string) => ({ columnNames: [column], referencedTableName: 'incidents', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await create(new Table({
      name: 'incidents',
      columns: [
        { ...c.key('id'), isPrimary: true }, c.int('number'), c.key('title', 255), c.text('summary'), c.key('severity', 32), c.key('status', 32),
        c.flag('private'), c.json('services'), c.key('source', 128), c.json('declared_by'),
        c.time('detected_at', true), c.time('declared_at', true), c.time('acknowledged_at', true), c.time('mitigated_at', true),
        c.time('resolved_at', true), c.time('closed_at', true), c.json('links'), c.time('created_at'), c.time('updated_at'), c.int('version'),
      ],
      uniques: [{ name: 'uq_incidents_number', columnNames: ['number'] }],
      indices: [{ name: 'ix_incidents_status', columnNames: ['status', 'severity'] }],
    }));
    await create(new Table({
      name: 'incident_roles',
      columns: [c.serial('id'), c.key('incident_id'), c.int('ordinal'), c.key('role'), c.key('person_key', 191), c.json('person'), c.time('assigned_at'), c.json('assigned_by')],
      indices: [{ name: 'ix_incident_roles_incident', columnNames: ['incident_id', 'ordinal'] }, { name: 'ix_incident_roles_person', columnNames: ['person_key'] }],
      foreignKeys: [{ name: 'fk_incident_roles_incident', ...cascadeFrom('incident_id') }],
    }));
    await create(new Table({
      name: 'incident_rooms',
      columns: [
        { ...c.key('platform', 16), isPrimary: true }, { ...c.key('workspace_id', 191), isPrimary: true },
        { ...c.key('conversation_id', 191), isPrimary: true }, { ...c.key('incident_id'), isPrimary: true },
      ],
      indices: [{ name: 'ix_incident_rooms_incident', columnNames: ['incident_id'] }],
      foreignKeys: [{ name: 'fk_incident_rooms_incident', ...cascadeFrom('incident_id') }],
    }));
    await create(new Table({
      name: 'timeline_entries',
      columns: [
        c.serial('position'), c.key('id'), c.key('incident_id'), c.key('kind', 32), c.time('occurred_at'), c.time('recorded_at'), c.json('actor', true),
        c.key('source', 128), c.text('text'), c.json('data'), c.key('idempotency_key', MAX_KEY_LENGTH), c.flag('highlighted'),
        c.key('external_platform', 32, true), c.key('external_conversation_id', 191, true), c.key('external_message_id', 191, true),
        c.key('external_thread_id', 191, true), c.json('revisions'), c.time('deleted_at', true),
      ],
      uniques: [{ name: 'uq_timeline_entries_id', columnNames: ['id'] }, { name: 'uq_timeline_entries_key', columnNames: ['idempotency_key'] }],
      indices: [
        { name: 'ix_timeline_entries_incident', columnNames: ['incident_id', 'position'] },
        { name: 'ix_timeline_entries_external', columnNames: ['external_platform', 'external_conversation_id', 'external_message_id'] },
      ],
    }));
    await create(new Table({
      name: 'action_items',
      columns: [{ ...c.key('id'), isPrimary: true }, c.key('incident_id'), c.text('text'), c.json('owner', true), c.key('state', 16), c.json('created_by'), c.time('created_at'), c.time('updated_at'), c.json('ticket', true)],
      indices: [{ name: 'ix_action_items_incident', columnNames: ['incident_id', 'created_at'] }],
    }));
    await create(new Table({
      name: 'status_updates',
      columns: [
        { ...c.key('id'), isPrimary: true }, c.key('incident_id'), c.key('audience', 16), c.text('body'), c.json('author'), c.key('state', 32),
        c.time('created_at'), c.time('updated_at'), c.json('edited_by', true), c.json('decided_by', true), c.time('decided_at', true),
        c.text('rejection_reason', true), c.time('published_at', true), c.json('published_to'), c.int('version'),
      ],
      indices: [{ name: 'ix_status_updates_incident', columnNames: ['incident_id', 'created_at'] }],
    }));
    await create(new Table({
      name: 'postmortems',
      columns: [{ ...c.key('id'), isPrimary: true }, c.key('incident_id'), c.key('state', 32), c.json('sections'), c.time('created_at'), c.time('updated_at'), c.int('version')],
      uniques: [{ name: 'uq_postmortems_incident', columnNames: ['incident_id'] }],
    }));
    await create(new Table({
      name: 'services',
      columns: [{ ...c.key('id'), isPrimary: true }, c.key('name', 191), c.text('description'), c.json('owners'), c.json('subject_matter_experts'), c.json('runbooks')],
      uniques: [{ name: 'uq_services_name', columnNames: ['name'] }],
    }));
    await create(new Table({
      name: 'summary_states',
      columns: [{ ...c.key('incident_id'), isPrimary: true }, { ...c.key('kind'), isPrimary: true }, c.bigint('covered_through'), c.text('text'), c.int('tokens'), c.time('updated_at')],
    }));
    await create(new Table({
      name: 'inbox',
      columns: [{ ...c.key('key', MAX_KEY_LENGTH), isPrimary: true }, c.time('processed_at')],
      // For pruning old keys once redeliveries can no longer arrive.
      indices: [{ name: 'ix_inbox_processed', columnNames: ['processed_at'] }],
    }));
    await create(new Table({
      name: 'outbox',
      columns: [
        c.serial('id'), c.key('topic', 128), c.json('payload'), c.key('idempotency_key', MAX_KEY_LENGTH), c.int('attempts'), c.time('available_at'),
        c.time('leased_until', true), c.text('last_error', true), c.flag('dead'), c.time('created_at'), c.time('completed_at', true),
      ],
      uniques: [{ name: 'uq_outbox_key', columnNames: ['idempotency_key'] }],
      // Pending messages (not dead, not completed) in the order they fall due: what claimDue scans.
      indices: [{ name: 'ix_outbox_due', columnNames: ['dead', 'completed_at', 'available_at'] }],
    }));
    await create(new Table({ name: 'sequences', columns: [{ ...c.key('name'), isPrimary: true }, c.bigint('value')] }));
    await runner.query(`INSERT INTO sequences (name, value) VALUES ('incident', 0)`);
    await create(new Table({
      name: 'api_tokens',
      columns: [{ ...c.key('id'), isPrimary: true }, c.key('name', 191), c.key('token_hash', 64), c.time('created_at'), c.time('last_used_at', true), c.time('revoked_at', true)],
      uniques: [{ name: 'uq_api_tokens_hash', columnNames: ['token_hash'] }],
    }));
    await create(new Table({
      name: 'chat_installations',
      columns: [{ ...c.key('platform', 16), isPrimary: true }, { ...c.key('workspace_id', 191), isPrimary: true }, c.text('payload'), c.time('installed_at'), c.time('uninstalled_at', true)],
    }));
    await create(new Table({
      name: 'plugin_installations',
      columns: [
        { ...c.key('plugin_id', 128), isPrimary: true }, { ...c.key('workspace_id', 191), isPrimary: true }, c.flag('enabled'), c.json('config'),
        c.text('sealed_secrets', true), c.time('installed_at'), c.time('updated_at'),
      ],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'plugin_installations', 'chat_installations', 'api_tokens', 'sequences', 'outbox', 'inbox', 'summary_states', 'services', 'postmortems',
      'status_updates', 'action_items', 'timeline_entries', 'incident_rooms', 'incident_roles', 'incidents',
    ]) await runner.dropTable(table, true);
  }
}
