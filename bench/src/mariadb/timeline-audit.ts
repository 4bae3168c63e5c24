import type { ScratchDatabases } from './scratch-databases';

export interface TimelineAudit {
  /** Message rows stored for the room. */
  readonly rows: number;
  /** Rows beyond one per Slack message (the same `ts` stored twice): must be 0. */
  readonly duplicates: number;
  /** Events answered 200 whose row is not in the database: must be 0. */
  readonly lost: number;
  /** Rows stored for events that were never answered 200 (the platform would redeliver; harmless). */
  readonly storedNotAcked: number;
}

/** Checks, from outside the server, what Muster's database holds for one room against what was acknowledged. */
export async function auditTimeline(db: ScratchDatabases, database: string, channelId: string, ackedEventIds: ReadonlySet<string>): Promise<TimelineAudit> {
  const rows = await db.query<{ idempotency_key: string; external_message_id: string }>(
    `SELECT idempotency_key, external_message_id FROM \`${database}\`.timeline_entries WHERE external_platform = 'slack' AND external_conversation_id = ? AND kind = 'message'`,
    [channelId],
  );
  const storedKeys = new Set(rows.map((r) => r.idempotency_key));
  const distinctMessages = new Set(rows.map((r) => r.external_message_id)).size;
  let lost = 0;
  for (const eventId of ackedEventIds) if (!storedKeys.has(`slack:${eventId}`)) lost++;
  let storedNotAcked = 0;
  for (const key of storedKeys) if (!ackedEventIds.has(key.slice('slack:'.length))) storedNotAcked++;
  return { rows: rows.length, duplicates: rows.length - distinctMessages, lost, storedNotAcked };
}
