import { randomUUID } from 'node:crypto';
import { createPool } from 'mysql2/promise';
import { MARIADB_HOST, MARIADB_PORT } from './scratch-databases';
import type { PlannedMessage } from '../suites/ingestion-plan';

export interface RawInsertOutcome {
  readonly rows: number;
  readonly wallMs: number;
  readonly perSecond: number;
  readonly cutShort: boolean;
}

export const TIMELINE_COLUMNS = [
  'id', 'incident_id', 'kind', 'occurred_at', 'recorded_at', 'actor', 'source', 'text', 'data', 'idempotency_key', 'highlighted',
  'external_platform', 'external_conversation_id', 'external_message_id', 'external_thread_id', 'revisions', 'deleted_at',
];
const INSERT = `INSERT INTO timeline_entries (${TIMELINE_COLUMNS.join(', ')}) VALUES (${TIMELINE_COLUMNS.map(() => '?').join(', ')})`;

/** The row Muster's mapper writes for a captured Slack message (no files, no thread). */
export function timelineRowOf(m: PlannedMessage, incidentId: string, channelId: string): (string | number | Date | null)[] {
  return [
    randomUUID(), incidentId, 'message', new Date(Number(m.ts) * 1000), new Date(), JSON.stringify({ platform: 'slack', id: m.userId }), 'slack', m.text, '{}',
    `slack:${m.eventId}`, 0, 'slack', channelId, m.ts, null, '[]', null,
  ];
}

/**
 * The floor for ingestion: the same rows Muster stores for these messages, into a table of the same
 * shape (created LIKE Muster's timeline_entries), one single-row INSERT each, autocommit (so one log
 * flush each), from `concurrency` workers over a mysql2 pool of as many connections, in this process.
 * Prepared statements (execute), the fastest a plain insert loop gets with mysql2.
 */
export async function runRawInserts(database: string, messages: readonly PlannedMessage[], options: {
  readonly channelId: string; readonly concurrency: number; readonly deadlineMs: number; readonly onProgress?: (done: number) => void;
}): Promise<RawInsertOutcome> {
  const pool = createPool({ host: MARIADB_HOST, port: MARIADB_PORT, user: 'root', database, connectionLimit: options.concurrency, timezone: 'Z' });
  const incidentId = randomUUID();
  try {
    // Open every connection first, as Muster's pool is warm when its phase starts.
    await Promise.all(Array.from({ length: options.concurrency }, () => pool.query('SELECT 1')));
    let next = 0;
    let cutShort = false;
    const until = Date.now() + options.deadlineMs;
    const started = performance.now();
    const worker = async () => {
      for (;;) {
        if (next >= messages.length) return;
        if (Date.now() > until) {
          cutShort = true;
          return;
        }
        const m = messages[next++];
        await pool.execute(INSERT, timelineRowOf(m, incidentId, options.channelId));
        options.onProgress?.(next);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const wallMs = performance.now() - started;
    const rows = next;
    return { rows, wallMs, perSecond: (rows / wallMs) * 1000, cutShort };
  } finally {
    await pool.end();
  }
}
