import { join } from 'node:path';
import { expect } from 'chai';
import { createDataSource, createStore, MIGRATIONS, runMigrations } from '@muster/store';
import { createMariaDbDatabase, removeDir, tempDir } from './server-support';

/**
 * Migration 1733000000011 on a database made by the release before it: follow-ups gain a nullable
 * `due_at`; those made before keep everything and have no due date (so no reminder); a due date saved
 * afterwards reads back to the millisecond; down and up again work.
 */
const TARGETS = [
  { label: 'SQLite', url: async (dir: string) => ({ url: `sqlite:${join(dir, 'old.db')}`, drop: async () => undefined }) },
  {
    label: 'MariaDB',
    url: async () => {
      const db = await createMariaDbDatabase();
      return { url: `mysql://root@127.0.0.1:3306/${db.name}`, drop: () => db.drop() };
    },
  },
];
const MIGRATION = 'ActionItemDue1733000000011';

for (const target of TARGETS) {
  describe(`action item due date migration on an older database (${target.label})`, function () {
    this.timeout(60_000);

    it('keeps every follow-up without a due date, stores one afterwards; undoes and redoes', async () => {
      const dir = tempDir('action-due-migration');
      const { url, drop } = await target.url(dir);
      try {
        const old = await createDataSource(url);
        await runMigrations(old);
        const later = MIGRATIONS.length - MIGRATIONS.findIndex((m) => new m().name === MIGRATION);
        for (let i = 0; i < later; i++) await old.undoLastMigration({ transaction: 'each' });
        const columns = (await old.query(target.label === 'SQLite' ? 'PRAGMA table_info(action_items)' : 'SHOW COLUMNS FROM action_items')) as { name?: string; Field?: string }[];
        expect(columns.map((c) => c.name ?? c.Field), 'the older schema has no due date').to.not.include('due_at');
        await old.query(
          'INSERT INTO action_items (id, incident_id, text, owner, state, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          ['ai-1', 'inc-1', 'Add a canary', '{"platform":"slack","id":"U1","name":"grace"}', 'open', '{"platform":"slack","id":"U2"}', '2026-11-22 03:00:00', '2026-11-22 03:00:00'],
        );
        await runMigrations(old);
        await old.undoLastMigration({ transaction: 'each' });
        await runMigrations(old);
        await old.destroy();

        const store = await createStore(url, { migrate: false });
        try {
          const item = await store.repositories.actionItems.findById('ai-1');
          expect(item).to.deep.include({ id: 'ai-1', text: 'Add a canary', state: 'open', owner: { platform: 'slack', id: 'U1', name: 'grace' } });
          expect(item).to.not.have.property('dueAt');
          const dueAt = new Date('2026-12-24T17:30:00.250Z');
          await store.unitOfWork.run((tx) => tx.actionItems.save({ ...item!, dueAt }));
          expect((await store.repositories.actionItems.findById('ai-1'))!.dueAt!.toISOString()).to.equal(dueAt.toISOString());
        } finally {
          await store.close();
        }
      } finally {
        await drop();
        removeDir(dir);
      }
    });
  });
}
