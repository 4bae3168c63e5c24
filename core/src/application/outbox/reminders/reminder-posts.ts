import { inject, injectable } from 'inversify';
import type { Incident } from '../../../domain/incident';
import type { ConversationRef } from '../../../domain/person';
import { timelineEntry } from '../../../domain/timeline';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import type { Clock, IdGenerator } from '../../ports/system.port';
import type { Repositories, UnitOfWork } from '../../ports/unit-of-work.port';
import { TOKENS } from '../../container/tokens';
import type { View } from '../../views/view';
import { postOnce } from '../handlers/handler-support';

/** Role ids of the default catalogue (domain/roles.ts) reminders are addressed to. */
export const COMMS_ROLE = 'communications_lead';
export const COMMANDER_ROLE = 'commander';

export interface Reminder {
  /** The timer's idempotency key: one reminder per interval, whoever fires it and however often. */
  readonly key: string;
  /** The view for one room (mentions depend on the room's platform; commands on its prefix). */
  readonly viewFor: (room: ConversationRef, prefix: string | undefined) => View;
  /** The timeline entry's text ("Update reminder sent to ..."), so the postmortem shows it. */
  readonly summary: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The next timer of the chain, if any, enqueued with the record. */
  readonly next?: NewOutboxMessage;
}

/**
 * How every reminder is delivered: only in the incident's own rooms (a private incident's reminder
 * never goes anywhere else), each post once through the effect log, so a redo after a crash never
 * posts twice; then, in one transaction, the timeline entry and the chain's next timer. A redo after
 * that transaction finds the posts done, the entry stored (same key) and the timer known (same key).
 */
@injectable()
export class ReminderPosts {
  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  async remind(incident: Incident, reminder: Reminder): Promise<void> {
    for (const room of incident.snapshot().links.rooms) {
      // A platform this instance has no credentials for cannot be reached from here; its room is skipped.
      const gateway = this.gateways.get(room.platform);
      if (!gateway) continue;
      const { cardMessageId: _card, ...conversation } = room;
      await postOnce(this.repos.outbox, gateway, conversation, reminder.viewFor(conversation, gateway.prefix), `${reminder.key}:${room.platform}:${room.conversationId}`);
    }
    await this.uow.run(async (tx) => {
      const now = this.clock.now();
      await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'reminder', occurredAt: now, recordedAt: now, source: 'system',
        text: reminder.summary, data: reminder.data, idempotencyKey: reminder.key,
      }));
      if (reminder.next) await tx.outbox.enqueue([reminder.next]);
    });
  }
}

/** The person's name as the timeline writes it. */
export const nameOf = (p: { readonly name?: string; readonly id: string } | undefined): string => (p ? p.name ?? p.id : 'the room');
