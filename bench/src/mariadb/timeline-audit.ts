import { auditStoredRows, type TimelineAudit } from '../support/stored-rows-audit';
import type { ScratchDatabases } from './scratch-databases';

export type { TimelineAudit } from '../support/stored-rows-audit';

/** Checks, from outside the server, what Muster's database holds for one Slack room against the event ids acknowledged. */
export async function auditTimeline(db: ScratchDatabases, database: string, channelId: string, ackedEventIds: ReadonlySet<string>): Promise<TimelineAudit> {
  const rows = await db.query<{ idempotency_key: string; external_message_id: string }>(
    `SELECT idempotency_key, external_message_id FROM \`${database}\`.timeline_entries WHERE external_platform = 'slack' AND external_conversation_id = ? AND kind = 'message'`,
    [channelId],
  );
  return auditStoredRows(rows, new Set([...ackedEventIds].map((id) => `slack:${id}`)));
}
