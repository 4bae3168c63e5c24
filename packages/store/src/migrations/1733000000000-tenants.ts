import { TableColumn, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { schemaColumns } from './schema-columns';

/**
 * Incidents belong to a tenant (an organization holding Slack workspaces and Teams tenants), and each
 * tenant numbers its own: INC-1 of one company is not INC-1 of another. Existing incidents and the
 * existing counter belong to the default tenant, so references people already use keep working.
 */
export class Tenants1733000000000 implements MigrationInterface {
  readonly name = 'Tenants1733000000000';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await runner.addColumn('incidents', new TableColumn({ ...c.key('tenant_id', 191), default: "'default'" }));
    if (dialect === 'mysql') {
      await runner.query('ALTER TABLE `incidents` DROP INDEX `uq_incidents_number`, ADD UNIQUE INDEX `uq_incidents_tenant_number` (`tenant_id`, `number`)');
    } else {
      await runner.dropUniqueConstraint('incidents', 'uq_incidents_number');
      await runner.createUniqueConstraint('incidents', new TableUnique({ name: 'uq_incidents_tenant_number', columnNames: ['tenant_id', 'number'] }));
    }
    await runner.query(`UPDATE sequences SET name = 'incident:default' WHERE name = 'incident'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    await runner.query(`DELETE FROM sequences WHERE name LIKE 'incident:%' AND name <> 'incident:default'`);
    await runner.query(`UPDATE sequences SET name = 'incident' WHERE name = 'incident:default'`);
    if (dialect === 'mysql') {
      await runner.query('ALTER TABLE `incidents` DROP INDEX `uq_incidents_tenant_number`, ADD UNIQUE INDEX `uq_incidents_number` (`number`)');
    } else {
      await runner.dropUniqueConstraint('incidents', 'uq_incidents_tenant_number');
      await runner.createUniqueConstraint('incidents', new TableUnique({ name: 'uq_incidents_number', columnNames: ['number'] }));
    }
    await runner.dropColumn('incidents', 'tenant_id');
  }
}
