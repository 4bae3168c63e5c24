import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for the reads that scanned at a million timeline entries (issue 14, checked by the EXPLAIN
 * spec, test/src/integration/query-plans.spec.ts):
 * - a timeline read filtered by kind (is an update due? which drafts are pending?) walked every
 *   entry of the incident through (incident_id, position); (incident_id, kind, position) finds them;
 * - the incident list filtered by status (the dashboard's "open", chat's `list`) walked the tenant's
 *   incidents newest first until it had enough; (tenant_id, status, number) reads only those;
 * - the status page and metrics ask for incidents declared since a date: (tenant_id, declared_at).
 */
export class FootprintIndexes1733000000013 implements MigrationInterface {
  readonly name = 'FootprintIndexes1733000000013';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex('timeline_entries', new TableIndex({ name: 'ix_timeline_entries_incident_kind', columnNames: ['incident_id', 'kind', 'position'] }));
    await runner.createIndex('incidents', new TableIndex({ name: 'ix_incidents_tenant_status', columnNames: ['tenant_id', 'status', 'number'] }));
    await runner.createIndex('incidents', new TableIndex({ name: 'ix_incidents_tenant_declared', columnNames: ['tenant_id', 'declared_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('incidents', 'ix_incidents_tenant_declared');
    await runner.dropIndex('incidents', 'ix_incidents_tenant_status');
    await runner.dropIndex('timeline_entries', 'ix_timeline_entries_incident_kind');
  }
}
