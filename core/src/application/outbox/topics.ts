import type { ChatPlatform, ConversationRef, PersonRef } from '../../domain/person';
import type { Audience } from '../../domain/status-update';
import type { NewOutboxMessage } from '../ports/outbox.port';

/** Every side effect Muster defers, with its payload. Payloads are plain JSON: they are stored. */
export interface TopicPayloads {
  /** Open the incident's room on a platform: create, invite, topic, card, pin, bookmarks. */
  'room.setup': { incidentId: string; platform: ChatPlatform; workspaceId: string; requestedIn?: ConversationRef };
  /** Redraw the pinned incident card everywhere after a change. */
  'card.refresh': { incidentId: string };
  /** Tell the announcement channels. */
  'incident.announce': { incidentId: string; what: 'declared' | 'resolved' };
  /** AI (or extractive) catch-up, posted in the incident's room, or to `privateTo` alone (services/answer-place.ts). */
  'summary.catch_up': { incidentId: string; conversation: ConversationRef; privateTo?: PersonRef; requestedBy: PersonRef };
  /** Draft a stakeholder update and put it up for approval in the room (or to `privateTo` alone). */
  'update.draft': { incidentId: string; audience: Audience; conversation: ConversationRef; privateTo?: PersonRef; requestedBy: PersonRef };
  /** Bring people into the incident's rooms (a role given or an invitation after the room opened). */
  'room.invite': { incidentId: string; people: PersonRef[] };
  /** Send an approved update to its audience. */
  'update.publish': { updateId: string };
  /** Draft the postmortem narrative once the incident is resolved. */
  'postmortem.draft': { incidentId: string; conversation?: ConversationRef };
}

export type Topic = keyof TopicPayloads;

/** `availableAt` comes from the application's Clock, so "due" means the same thing to producer and dispatcher. */
export function outboxMessage<T extends Topic>(topic: T, payload: TopicPayloads[T], idempotencyKey: string, availableAt: Date): NewOutboxMessage {
  return { topic, payload: payload as unknown as Record<string, unknown>, idempotencyKey: `${topic}:${idempotencyKey}`, availableAt };
}
