import { expect } from 'chai';
import { columnNames, describeOnMigrationTargets, migrateUpDownUp, openBefore, withMigrationDatabase, withStore } from './migration-targets';

/**
 * Migration 1733000000011 on a database made by the release before it: follow-ups gain a nullable
 * `due_at`; those made before keep everything and have no due date (so no reminder); a due date saved
 * afterwards reads back to the millisecond; down and up again work.
 */
const MIGRATION = 'ActionItemDue1733000000011';

describeOnMigrationTargets('action item due date migration on an older database', 60_000, (target) => {
  it('keeps every follow-up without a due date, stores one afterwards; undoes and redoes', () =>
    withMigrationDatabase(target, 'action-due-migration', async ({ url }) => {
      const old = await openBefore(url, MIGRATION);
      expect(await columnNames(old, 'action_items'), 'the older schema has no due date').to.not.include('due_at');
      await old.query(
        'INSERT INTO action_items (id, incident_id, text, owner, state, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ['ai-1', 'inc-1', 'Add a canary', '{"platform":"slack","id":"U1","name":"grace"}', 'open', '{"platform":"slack","id":"U2"}', '2026-11-22 03:00:00', '2026-11-22 03:00:00'],
      );
      await migrateUpDownUp(old, MIGRATION);

      await withStore(url, async (store) => {
        const item = await store.repositories.actionItems.findById('ai-1');
        expect(item).to.deep.include({ id: 'ai-1', text: 'Add a canary', state: 'open', owner: { platform: 'slack', id: 'U1', name: 'grace' } });
        expect(item).to.not.have.property('dueAt');
        const dueAt = new Date('2026-12-24T17:30:00.250Z');
        await store.unitOfWork.run((tx) => tx.actionItems.save({ ...item!, dueAt }));
        expect((await store.repositories.actionItems.findById('ai-1'))!.dueAt!.toISOString()).to.equal(dueAt.toISOString());
      });
    }));
});
