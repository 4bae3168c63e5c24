import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { MARIADB_HOST, MARIADB_PORT } from './scratch-databases';
import { TIMELINE_COLUMNS, timelineRowOf, type RawInsertOutcome } from './raw-inserts';
import type { PlannedMessage } from '../suites/ingestion-plan';

const MAX_BATCH = 256;

/**
 * What group commit could reach if a group's rows went to MariaDB as one statement: `concurrency`
 * callers each wait for their row; one writer on one connection takes everything queued (up to 256)
 * and writes it as one multi-row INSERT IGNORE (autocommit: one statement, one commit, one round
 * trip). A ceiling for a batched store, not a comparison floor.
 */
export async function runRawBatchedInserts(database: string, messages: readonly PlannedMessage[], options: {
  readonly channelId: string; readonly concurrency: number; readonly deadlineMs: number;
}): Promise<RawInsertOutcome & { readonly batches: number }> {
  const connection = await createConnection({ host: MARIADB_HOST, port: MARIADB_PORT, user: 'root', database, timezone: 'Z' });
  const incidentId = randomUUID();
  const queue: { row: ReturnType<typeof timelineRowOf>; done: () => void; failed: (e: unknown) => void }[] = [];
  let writing = false;
  let batches = 0;
  const write = async () => {
    if (writing) return;
    writing = true;
    try {
      while (queue.length) {
        const batch = queue.splice(0, MAX_BATCH);
        batches++;
        const values = batch.map(() => `(${TIMELINE_COLUMNS.map(() => '?').join(', ')})`).join(', ');
        try {
          await connection.query(`INSERT IGNORE INTO timeline_entries (${TIMELINE_COLUMNS.join(', ')}) VALUES ${values}`, batch.flatMap((b) => b.row));
          batch.forEach((b) => b.done());
        } catch (error) {
          batch.forEach((b) => b.failed(error));
        }
      }
    } finally {
      writing = false;
    }
  };
  try {
    let next = 0;
    let cutShort = false;
    const until = Date.now() + options.deadlineMs;
    const started = performance.now();
    const caller = async () => {
      while (next < messages.length) {
        if (Date.now() > until) {
          cutShort = true;
          return;
        }
        const row = timelineRowOf(messages[next++], incidentId, options.channelId);
        await new Promise<void>((done, failed) => {
          queue.push({ row, done, failed });
          void write();
        });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, caller));
    const wallMs = performance.now() - started;
    return { rows: next, wallMs, perSecond: (next / wallMs) * 1000, cutShort, batches };
  } finally {
    await connection.end();
  }
}
