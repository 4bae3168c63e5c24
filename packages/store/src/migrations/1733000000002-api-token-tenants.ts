import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { schemaColumns } from './schema-columns';

/** Written out here, not imported: a migration that has shipped must not change when the code around it does. */
const DEFAULT_TENANT = 'default';
const NAME_LENGTH = 191;

/**
 * API tokens belong to a tenant, and a name is unique within its tenant. Tokens made before this
 * migration go to tenant `default`. Earlier releases allowed two tokens with the same name; rather
 * than fail the upgrade or revoke anything, every duplicate after the oldest is renamed `<name> (2)`,
 * `<name> (3)`, … and keeps working (the token itself does not change, only its label).
 */
export class ApiTokenTenants1733000000002 implements MigrationInterface {
  readonly name = 'ApiTokenTenants1733000000002';

  async up(runner: QueryRunner): Promise<void> {
    const c = schemaColumns(dialectOf(runner.manager));
    await runner.addColumn('api_tokens', new TableColumn({ ...c.key('tenant_id', 191), default: `'${DEFAULT_TENANT}'` }));
    await renameDuplicates(runner);
    await runner.createIndex('api_tokens', new TableIndex({ name: 'uq_api_tokens_tenant_name', columnNames: ['tenant_id', 'name'], isUnique: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('api_tokens', 'uq_api_tokens_tenant_name');
    await runner.dropColumn('api_tokens', 'tenant_id');
  }
}

interface TokenRow { id: string; tenant_id: string; name: string }

async function renameDuplicates(runner: QueryRunner): Promise<void> {
  const rows: TokenRow[] = await runner.query('SELECT id, tenant_id, name FROM api_tokens ORDER BY created_at ASC, id ASC');
  const taken = new Set(rows.map((r) => `${r.tenant_id}\u0000${r.name}`));
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.tenant_id}\u0000${row.name}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    let n = 2;
    let candidate: string;
    do {
      const suffix = ` (${n++})`;
      candidate = `${row.name.slice(0, NAME_LENGTH - suffix.length)}${suffix}`;
    } while (taken.has(`${row.tenant_id}\u0000${candidate}`));
    taken.add(`${row.tenant_id}\u0000${candidate}`);
    seen.add(`${row.tenant_id}\u0000${candidate}`);
    await runner.query('UPDATE api_tokens SET name = ? WHERE id = ?', [candidate, row.id]);
  }
}
