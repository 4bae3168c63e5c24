import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { schemaColumns } from './schema-columns';

/**
 * API tokens gain scopes (`read`, `write`, `admin`; the service catalogue's writes need `admin`). The
 * column is left empty for tokens made before it, which keep exactly what they could do: read and write.
 */
export class ApiTokenScopes1733000000010 implements MigrationInterface {
  readonly name = 'ApiTokenScopes1733000000010';

  async up(runner: QueryRunner): Promise<void> {
    const c = schemaColumns(dialectOf(runner.manager));
    await runner.addColumn('api_tokens', new TableColumn(c.json('scopes', true)));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('api_tokens', 'scopes');
  }
}
