import type { ChatPlatform, ConversationRef, PersonRef } from '../../domain/person';
import type { Audience } from '../../domain/status-update';
import type { NewOutboxMessage } from '../ports/outbox.port';

/**
 * The side effects core defers, with their payloads. Payloads are plain JSON: they are stored.
 *
 * Open to declaration merging: a module with a handler of its own types its topic here, so its
 * producers get `outboxMessage` checked like core's (use a dotted prefix of your own, e.g. `jira.`):
 *
 * ```ts
 * declare module '@muster/core' {
 *   interface TopicPayloads {
 *     'jira.create_issue': { incidentId: string; projectKey: string };
 *   }
 * }
 * ```
 * Topics nobody declares still work: an OutboxHandler<'x.y'> then gets a plain record.
 */
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
  /**
   * Redraw a draft's card where it was put up for approval, after a decision made elsewhere (the web
   * dashboard): in chat the button's own reply replaces the card; a page has no card to reply to.
   */
  'update.card': { updateId: string };
  /** Send an approved update to its audience. */
  'update.publish': { updateId: string };
  /** Draft the postmortem narrative once the incident is resolved. */
  'postmortem.draft': { incidentId: string; conversation?: ConversationRef };
  /**
   * Timers (outbox/reminders): each is enqueued with `availableAt` in the future and re-checks at fire
   * time that the incident is still in the state that called for it.
   * Update interval `n` of the chain anchored at `anchorMs` (the declaration, a severity change, a
   * reopen or the last published update) for `severity`.
   */
  'reminder.update_due': { incidentId: string; anchorMs: number; n: number; severity: string };
  /** Nobody took command within the configured minutes of the declaration at `declaredMs`. */
  'reminder.commander_vacant': { incidentId: string; declaredMs: number };
  /** Reminder `n` (1 when it fell due, then one a day) that the follow-up due at `dueMs` is still open. */
  'reminder.action_item_due': { actionItemId: string; dueMs: number; n: number };
  /** The postmortem of the resolution at `resolvedMs` is not reviewed yet. */
  'reminder.postmortem': { incidentId: string; resolvedMs: number };
  /**
   * Run a workflow rule's steps of one delay for one triggering event, when due (workflows/). The rule is
   * looked up by name when it runs: a rule removed from muster.yaml since does nothing.
   */
  'workflow.run': {
    rule: string; incidentId: string; event: string; eventAt: string; delayMinutes: number;
    source: string; platform?: string; labels?: Record<string, string>;
  };
}

export type Topic = keyof TopicPayloads;

/** What a handler of `T` receives: the declared payload of a known topic, else a plain record. */
export type PayloadOf<T extends string> = T extends Topic ? TopicPayloads[T] : Readonly<Record<string, unknown>>;

/** `availableAt` comes from the application's Clock, so "due" means the same thing to producer and dispatcher. */
export function outboxMessage<T extends Topic>(topic: T, payload: TopicPayloads[T], idempotencyKey: string, availableAt: Date): NewOutboxMessage {
  return { topic, payload: payload as unknown as Record<string, unknown>, idempotencyKey: `${topic}:${idempotencyKey}`, availableAt };
}
