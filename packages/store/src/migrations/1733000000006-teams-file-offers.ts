import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { createTable, schemaColumns } from './schema-columns';

/**
 * Documents Teams offered through file-consent cards, until the person answers: the accept may reach
 * another instance, or come after a restart, and must still find the bytes; its state makes an upload
 * happen once however often the accept arrives. Answered offers keep no content.
 */
export class TeamsFileOffers1733000000006 implements MigrationInterface {
  readonly name = 'TeamsFileOffers1733000000006';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await createTable(runner, dialect, new Table({
      name: 'teams_file_offers',
      columns: [
        { ...c.key('id', 64), isPrimary: true }, c.key('user_id', 191), c.key('aad_object_id', 128, true), c.text('filename'),
        c.text('content'), c.key('state', 16), c.time('created_at'), c.time('claimed_at', true),
      ],
      indices: [{ name: 'ix_teams_file_offers_created', columnNames: ['created_at'] }],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('teams_file_offers', true);
  }
}
