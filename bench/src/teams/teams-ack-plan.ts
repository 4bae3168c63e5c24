import type { FakeBotConnectorInfo } from '../processes/fake-bot-connector.main';
import { planDeliveries, planMessages } from '../suites/ingestion-plan';
import { messageActivity, type ActivityIds, type TeamsPlace } from './teams-activities';

/** The two message activities measured: a person talking in an incident room, and `@Muster status` there. */
export type TeamsRequestKind = 'capture' | 'status';
export const TEAMS_REQUEST_KINDS: readonly TeamsRequestKind[] = ['capture', 'status'];

export interface TeamsDelivery {
  /** The activity's JSON, as sent (a redelivery sends the same bytes). */
  readonly body: string;
  /** Muster's idempotency key for it: `teams:<conversation id>:<activity id>`. */
  readonly key: string;
  readonly redelivery: boolean;
}

/** Teams delivers an activity again when the bot did not answer in time; the same share as the Slack ingestion suite. */
export const REDELIVER_FRACTION = 0.05;

/**
 * `count` requests of one kind into `room`. Captures are distinct messages from the room's speakers
 * plus redeliveries of 5% of them (same activity id, placed a little after the original so some race
 * it); statuses are `@Muster status` from the responder, each a new activity. Seeded texts, fresh ids.
 */
export function planTeamsDeliveries(kind: TeamsRequestKind, room: TeamsPlace, people: FakeBotConnectorInfo, count: number, seed: number, ids: ActivityIds): TeamsDelivery[] {
  const keyOf = (id: string) => `teams:${room.conversationId}:${id}`;
  if (kind === 'status') {
    return Array.from({ length: count }, () => {
      const id = ids.take();
      return { body: JSON.stringify(messageActivity(room, { id, from: people.responder, text: 'status', toBot: true })), key: keyOf(id), redelivery: false };
    });
  }
  const speakers = new Map(people.speakers.map((s) => [s.aadObjectId, s]));
  const messages = planMessages(count, seed, [...speakers.keys()]);
  const delivery = new Map(messages.map((m) => {
    const id = ids.take();
    const body = JSON.stringify(messageActivity(room, { id, from: speakers.get(m.userId)!, text: m.text }));
    return [m, { body, key: keyOf(id) }] as const;
  }));
  return planDeliveries(messages, REDELIVER_FRACTION, seed).map((d) => ({ ...delivery.get(d.message)!, redelivery: d.retry }));
}
