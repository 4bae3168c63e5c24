import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';
import { createTable, schemaColumns } from './schema-columns';

/**
 * The effect log: one row per remote step of an outbox side effect (create a channel, post a card,
 * pin it), begun before the call and completed with its result right after, so a crash leaves each
 * step done, uncertain (to be looked up remotely) or not started. Times are epoch milliseconds, the
 * same on both dialects.
 */
export class EffectResults1733000000003 implements MigrationInterface {
  readonly name = 'EffectResults1733000000003';

  async up(runner: QueryRunner): Promise<void> {
    const dialect = dialectOf(runner.manager);
    const c = schemaColumns(dialect);
    await createTable(runner, dialect, new Table({
      name: 'effect_results',
      columns: [{ ...c.key('effect_key', 191), isPrimary: true }, c.bigint('begun_at_ms'), c.int('begins'), c.text('result', true)],
    }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('effect_results', true);
  }
}
