import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written out here, not imported from core: a migration that has shipped must not change when the code
 * around it does. Slack's own mention (`<@U123>`, `<@U123|ana>`) and core's neutral token for the same
 * person (`<@slack:U123|ana>`, core/src/domain/person-mention.ts as of this release).
 */
const SLACK_MENTION = /<@([UW][A-Z0-9]{2,})(?:\|([^<>]*))?>/g;
const NEUTRAL_SLACK_MENTION = /<@slack:([UW][A-Z0-9]{2,})(?:\|([^<>]*))?>/g;
const BATCH = 500;

const cleanName = (name: string | undefined): string => (name ?? '').replace(/[<>|\r\n]/g, ' ').replace(/\s+/g, ' ').trim();
const toNeutral = (text: string): string => text.replace(SLACK_MENTION, (_all, id: string, name?: string) => `<@slack:${id}${cleanName(name) ? `|${cleanName(name)}` : ''}>`);
const toSlack = (text: string): string => text.replace(NEUTRAL_SLACK_MENTION, (_all, id: string, name?: string) => `<@${id}${name ? `|${name}` : ''}>`);

interface EntryRow { position: number | string; text: string; revisions: unknown }
interface Revision { text?: unknown }

/**
 * Timelines stored by the first release hold Slack's mention format in what Slack people said, wrote
 * in notes and edited; from this release core, the summarizer and every renderer read only neutral
 * tokens. This rewrites the text and the edit history of every entry that came from Slack. Row by row
 * in TypeScript, in batches by position, so it runs the same on SQLite and MariaDB and holds no large
 * result in memory; entries from other platforms are not touched.
 */
export class NeutralMentions1733000000005 implements MigrationInterface {
  readonly name = 'NeutralMentions1733000000005';

  async up(runner: QueryRunner): Promise<void> {
    await rewriteSlackEntries(runner, toNeutral);
  }

  async down(runner: QueryRunner): Promise<void> {
    await rewriteSlackEntries(runner, toSlack);
  }
}

async function rewriteSlackEntries(runner: QueryRunner, rewrite: (text: string) => string): Promise<void> {
  for (let after: number | string = 0; ;) {
    const rows: EntryRow[] = await runner.query(
      `SELECT position, text, revisions FROM timeline_entries WHERE (source = 'slack' OR external_platform = 'slack') AND position > ? ORDER BY position LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      const text = rewrite(row.text ?? '');
      const before = revisionsOf(row.revisions);
      const revisions = before.map((r) => (typeof r.text === 'string' ? { ...r, text: rewrite(r.text) } : r));
      const changedRevisions = JSON.stringify(revisions) !== JSON.stringify(before);
      if (text === row.text && !changedRevisions) continue;
      await runner.query('UPDATE timeline_entries SET text = ?, revisions = ? WHERE position = ?', [text, JSON.stringify(revisions), row.position]);
    }
    after = rows[rows.length - 1]!.position;
  }
}

/** MariaDB's driver hands JSON columns back parsed, SQLite as text. */
function revisionsOf(value: unknown): Revision[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value || '[]') : value;
  return Array.isArray(parsed) ? (parsed as Revision[]) : [];
}
