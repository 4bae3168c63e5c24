import { expect } from 'chai';
import { parseMention } from '@muster/core';
import { describeOnMigrationTargets, migrateWithCli, openBefore, undoThrough, withDataSource, withMigrationDatabase, withStore, type DataSource } from './migration-targets';

/**
 * Migration 1733000000005 on a database written by the first release: Slack's `<@U…>` mentions in
 * timelines become core's neutral tokens, in the text and the edit history, for entries from Slack
 * only, in batches (more rows than one batch), on SQLite and MariaDB alike.
 */
const MIGRATION = 'NeutralMentions1733000000005';
/** More than the migration's batch of 500, so a second and third batch must be read. */
const FILLER = 1100;

interface Row { id: string; source: string; platform: string | null; text: string; revisions?: { text: string; at: string }[] }

const ROWS: readonly Row[] = [
  { id: 'said', source: 'slack', platform: 'slack', text: 'thanks <@U0BOB>, and <@U0ANA|ana> please roll back' },
  { id: 'edited', source: 'slack', platform: 'slack', text: 'now <@W0CLEO|cleo>', revisions: [{ text: 'first <@U0BOB>', at: '2026-01-01T00:01:00.000Z' }] },
  { id: 'note', source: 'slack', platform: null, text: 'Rolled back, ask <@U0BOB|bob>' },
  { id: 'console', source: 'console', platform: 'console', text: 'typed <@U0BOB> literally' },
  { id: 'hostile', source: 'slack', platform: 'slack', text: 'a <@U0EVE|ev|il> b <@u0low> c <@U0 BOB> d <!channel>' },
];

async function insert(db: DataSource, row: Row, position: number): Promise<void> {
  await db.query(
    `INSERT INTO timeline_entries (id, incident_id, kind, occurred_at, recorded_at, actor, source, text, data, idempotency_key, highlighted,
      external_platform, external_conversation_id, external_message_id, revisions) VALUES (?, 'inc-1', 'message', ?, ?, ?, ?, ?, '{}', ?, 0, ?, ?, ?, ?)`,
    [row.id, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000', JSON.stringify({ platform: row.source, id: 'U0ANA' }), row.source, row.text,
      `key:${row.id}`, row.platform, row.platform && 'C0ROOM', row.platform && `${position}.0001`, JSON.stringify(row.revisions ?? [])],
  );
}

describeOnMigrationTargets('neutral mentions migration on a first-release database', 120_000, (target) => {
  it('rewrites Slack mentions of Slack entries into neutral tokens, text and edits, and leaves other platforms alone', () =>
    withMigrationDatabase(target, 'mention-migration', async ({ url, dir }) => {
      const old = await openBefore(url, MIGRATION);
      for (let i = 0; i < FILLER; i++) await insert(old, { id: `filler-${i}`, source: 'slack', platform: 'slack', text: `message ${i} for <@U0BOB>` }, i);
      for (const [i, row] of ROWS.entries()) await insert(old, row, FILLER + i);
      await old.destroy();

      const migrated = await migrateWithCli(dir, url);
      expect(migrated.stdout).to.include(`ran ${MIGRATION}`);

      await withStore(url, async (store) => {
        const entries = await store.repositories.timeline.list('inc-1');
        const byId = new Map(entries.map((e) => [e.id, e]));
        expect(entries).to.have.length(FILLER + ROWS.length);
        expect(byId.get('said')?.text).to.equal('thanks <@slack:U0BOB>, and <@slack:U0ANA|ana> please roll back');
        expect(byId.get('edited')?.text).to.equal('now <@slack:W0CLEO|cleo>');
        expect(byId.get('edited')?.revisions.map((r) => r.text)).to.deep.equal(['first <@slack:U0BOB>']);
        expect(byId.get('note')?.text, 'a note typed in Slack, not captured').to.equal('Rolled back, ask <@slack:U0BOB|bob>');
        expect(byId.get('console')?.text, 'not from Slack: not a Slack mention').to.equal('typed <@U0BOB> literally');
        // A label with `|` is cleaned so the token stays one token; what is not a Slack user id stays as it was.
        expect(byId.get('hostile')?.text).to.equal('a <@slack:U0EVE|ev il> b <@u0low> c <@U0 BOB> d <!channel>');
        expect(parseMention('<@slack:U0EVE|ev il>')).to.deep.equal({ platform: 'slack', id: 'U0EVE', name: 'ev il' });
        const fillers = entries.filter((e) => e.id.startsWith('filler-'));
        expect(fillers.every((e) => /^message \d+ for <@slack:U0BOB>$/.test(e.text)), 'every batch rewritten').to.equal(true);
      });

      // Migrating again does nothing more: a token is never rewritten twice.
      await migrateWithCli(dir, url);
      await withDataSource(url, async (check) => {
        const [said] = await check.query(`SELECT text FROM timeline_entries WHERE id = 'said'`) as { text: string }[];
        expect(said?.text).to.equal('thanks <@slack:U0BOB>, and <@slack:U0ANA|ana> please roll back');
        // Down restores Slack's format for the release before (the migrations after it are undone first).
        await undoThrough(check, MIGRATION);
        const [back] = await check.query(`SELECT text FROM timeline_entries WHERE id = 'said'`) as { text: string }[];
        expect(back?.text).to.equal('thanks <@U0BOB>, and <@U0ANA|ana> please roll back');
      });
    }));
});
