import { TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { schemaColumns } from './schema-columns';

/** Written out here, not imported: a migration that has shipped must not change when the code around it does. */
const DEFAULT_TENANT = 'default';
const NAME_LENGTH = 191;

/**
 * The service catalogue becomes per tenant, with what each integration calls a service, a runbook file,
 * a public flag and where an entry came from. Names are unique per tenant ignoring case, through
 * `name_key` (the lower-cased name, computed here in JavaScript so MySQL and SQLite agree beyond ASCII).
 * Existing services go to tenant `default` with origin `api`, so a restart never deletes them; two that
 * differ only in case (allowed before) both stay: the first by id keeps its name, the next becomes `<name> (2)`.
 */
export class ServiceCatalogue1733000000009 implements MigrationInterface {
  readonly name = 'ServiceCatalogue1733000000009';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    if (dialect === 'mysql') await runner.query('ALTER TABLE `services` DROP INDEX `uq_services_name`');
    else await runner.dropUniqueConstraint('services', 'uq_services_name');
    await runner.addColumns('services', [
      new TableColumn({ ...c.key('tenant_id', 191), default: `'${DEFAULT_TENANT}'` }),
      new TableColumn(c.key('name_key', NAME_LENGTH, true)),
      new TableColumn(c.json('integrations', true)),
      new TableColumn(c.text('runbook_file', true)),
      new TableColumn(c.flag('public')),
      new TableColumn({ ...c.key('origin', 16), default: "'api'" }),
    ]);
    await fillNameKeys(runner);
    await runner.createIndex('services', new TableIndex({ name: 'uq_services_tenant_name', columnNames: ['tenant_id', 'name_key'], isUnique: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('services', 'uq_services_tenant_name');
    for (const column of ['origin', 'public', 'runbook_file', 'integrations', 'name_key', 'tenant_id']) await runner.dropColumn('services', column);
    const dialect = dialectOf(runner.manager);
    if (dialect === 'mysql') await runner.query('ALTER TABLE `services` ADD UNIQUE INDEX `uq_services_name` (`name`)');
    // As the initial schema made it, so that running `up` again finds the constraint it drops.
    else await runner.createUniqueConstraint('services', new TableUnique({ name: 'uq_services_name', columnNames: ['name'] }));
  }
}

async function fillNameKeys(runner: QueryRunner): Promise<void> {
  const rows: { id: string; name: string }[] = await runner.query('SELECT id, name FROM services ORDER BY id ASC');
  const taken = new Set<string>();
  for (const row of rows) {
    let name = row.name;
    for (let n = 2; taken.has(name.trim().toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${row.name.slice(0, NAME_LENGTH - suffix.length)}${suffix}`;
    }
    taken.add(name.trim().toLowerCase());
    await runner.query('UPDATE services SET name = ?, name_key = ? WHERE id = ?', [name, name.trim().toLowerCase(), row.id]);
  }
}
