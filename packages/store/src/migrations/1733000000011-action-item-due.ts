import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { schemaColumns } from './schema-columns';

/**
 * Follow-ups gain a due date (`action <text> --due 3d`); their owners are reminded once it is past.
 * Nullable: items made before it have none, and get no reminder.
 */
export class ActionItemDue1733000000011 implements MigrationInterface {
  readonly name = 'ActionItemDue1733000000011';

  async up(runner: QueryRunner): Promise<void> {
    const c = schemaColumns(dialectOf(runner.manager));
    await runner.addColumn('action_items', new TableColumn(c.time('due_at', true)));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('action_items', 'due_at');
  }
}
