import type { RoomAudit } from '../processes/fake-remotes.main';

/**
 * The critical path of a declaration's set-up: the longest chain of remote calls that must follow one
 * another, read from what each handler needs from the call before it (not from the order the code
 * happens to make them in). Counted in calls; × the remote delay it is the floor no concurrency beats.
 *
 * - room.setup (core/src/application/outbox/handlers/room-setup.handler.ts): conversations.create →
 *   chat.postMessage (the card) → pins.add, and → chat.update when a link was recorded meanwhile: 3.
 *   The topic, the invitation, the bookmarks and the "has its room" notice need only the room: 2.
 * - page (PagerDuty, packages/server/src/plugins/integrations/paging-calls.ts and the plugin's paging.ts):
 *   GET /services/{id} → GET /oncalls → conversations.invite of the paged on-call (room.invite): 3. POST
 *   /incidents needs neither look-up and runs beside them. users.lookupByEmail would add one, but the
 *   Slack directory remembers the on-call after the first declaration (warm-up); measured bursts show none.
 * - start_conference (Zoom): POST meeting → bookmarks.add (the room exists after 1): 2; its link on the
 *   card: chat.update once the card is posted (after 2): 3. The OAuth token is cached for its hour.
 * - open_ticket (Jira): POST issue, then the card redrawn with its link once the card exists: 3.
 * - incident.announce: chat.postMessage in the announcement channel: 1.
 */
export const CRITICAL_PATH_CALLS = 3;

export const CRITICAL_PATH_NOTE = 'Critical path = 3 calls, from what each step needs (bench/src/ready/critical-path.ts): create channel → post card → pin (or → card redrawn with the ticket/bridge/page links); PagerDuty service → on-call → invite the on-call (the page itself beside them); Zoom meeting → bookmark; Jira issue → card redrawn; topic, invite, runbook bookmarks and notices need only the channel (2); the announcement nothing (1).';

/** What each room of a burst lacks once its set-up is over (empty when it is fully set up). */
export function missingSetUp(rooms: readonly RoomAudit[], declarations: number, runbookLinks: number): string[] {
  const missing: string[] = [];
  if (rooms.length !== declarations) missing.push(`${rooms.length} channels for ${declarations} declarations`);
  for (const r of rooms) {
    const lacks = [
      !r.topic && 'topic', r.pins !== 1 && `${r.pins} pins`, r.bookmarks !== runbookLinks + 1 && `${r.bookmarks} bookmarks`, !r.oncallInvited && 'the on-call',
      !r.cardLinks.ticket && 'the ticket on the card', !r.cardLinks.bridge && 'the bridge on the card', !r.cardLinks.page && 'the page on the card',
    ].filter((x): x is string => typeof x === 'string');
    if (lacks.length) missing.push(`${r.name}: ${lacks.join(', ')}`);
  }
  return missing;
}
