import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { createTable, schemaColumns } from './schema-columns';

/**
 * The web dashboard's sign-ins: browser sessions (by the hash of the cookie) and one-time sign-in links
 * (by the hash of the link's token). Kept in the database, not in memory, so any instance behind a load
 * balancer knows a session and a link is redeemed once across all of them.
 */
export class WebSessions1733000000012 implements MigrationInterface {
  readonly name = 'WebSessions1733000000012';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await createTable(runner, dialect, new Table({
      name: 'web_sessions',
      columns: [
        { ...c.key('id', 64), isPrimary: true }, c.key('token_hash', 64), c.key('tenant_id', 191), c.key('workspace_id', 191), c.json('person'),
        c.key('method', 16), c.time('created_at'), c.time('expires_at'), c.time('revoked_at', true),
      ],
      indices: [{ name: 'uq_web_sessions_token', columnNames: ['token_hash'], isUnique: true }],
    }));
    await createTable(runner, dialect, new Table({
      name: 'web_sign_in_links',
      columns: [
        { ...c.key('token_hash', 64), isPrimary: true }, c.key('tenant_id', 191), c.key('workspace_id', 191), c.json('person'),
        c.time('created_at'), c.time('expires_at'), c.time('used_at', true),
      ],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('web_sign_in_links', true);
    await runner.dropTable('web_sessions', true);
  }
}
