export interface TimelineAudit {
  /** Message rows stored for the room. */
  readonly rows: number;
  /** Rows beyond one per platform message (the same message stored twice): must be 0. */
  readonly duplicates: number;
  /** Messages answered 200 whose row is not in the database: must be 0. */
  readonly lost: number;
  /** Rows stored for messages that were never answered 200 (the platform would redeliver; harmless). */
  readonly storedNotAcked: number;
}

/**
 * What a room's stored message rows say against what was acknowledged: `ackedKeys` are the
 * idempotency keys (`slack:<event_id>`, `teams:<conversation>:<activity id>`) of every delivery answered 200.
 */
export function auditStoredRows(rows: readonly { idempotency_key: string; external_message_id: string }[], ackedKeys: ReadonlySet<string>): TimelineAudit {
  const storedKeys = new Set(rows.map((r) => r.idempotency_key));
  const distinctMessages = new Set(rows.map((r) => r.external_message_id)).size;
  let lost = 0;
  for (const key of ackedKeys) if (!storedKeys.has(key)) lost++;
  let storedNotAcked = 0;
  for (const key of storedKeys) if (!ackedKeys.has(key)) storedNotAcked++;
  return { rows: rows.length, duplicates: rows.length - distinctMessages, lost, storedNotAcked };
}
