import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { createTable, schemaColumns } from './schema-columns';

/**
 * What the REST API answered per `Idempotency-Key`: the request's fingerprint (so a reused key with a
 * different request is refused) and the stored answer (so only the same request is replayed).
 */
export class ApiIdempotency1733000000001 implements MigrationInterface {
  readonly name = 'ApiIdempotency1733000000001';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await createTable(runner, dialect, new Table({
      name: 'api_idempotency',
      columns: [
        // sha256 of the token id and the client's key, hex: fixed length, unambiguous, no raw key stored.
        { ...c.key('scope_key', 64), isPrimary: true }, c.key('token_id'), c.key('fingerprint', 64),
        { name: 'status', type: 'int', isNullable: true }, c.text('response', true), c.time('created_at'),
      ],
      indices: [{ name: 'ix_api_idempotency_created', columnNames: ['created_at'] }],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('api_idempotency', true);
  }
}
