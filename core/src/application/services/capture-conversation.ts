import { inject, injectable } from 'inversify';
import type { ConversationRef, PersonRef } from '../../domain/person';
import { deleteEntry, reviseEntry, timelineEntry, type ExternalMessageRef, type TimelineEntry } from '../../domain/timeline';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../tokens';

export interface CapturedMessage {
  readonly room: ConversationRef;
  readonly messageId: string;
  readonly threadId?: string;
  readonly author: PersonRef;
  readonly text: string;
  readonly sentAt: Date;
  /** Platform's delivery id (`slack:<event_id>`), so a redelivered event is stored once. */
  readonly idempotencyKey: string;
  readonly files?: readonly { readonly name: string; readonly url: string }[];
}

export type CaptureResult = 'stored' | 'duplicate' | 'not_an_incident_room' | 'unknown_message';

/**
 * Keeps the timeline in step with the incident room: messages, thread replies, edits, deletions and
 * highlights. Callers acknowledge the platform only after this returns (the write is committed).
 */
@injectable()
export class CaptureConversation {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  async message(m: CapturedMessage): Promise<CaptureResult> {
    return this.uow.run(async (tx) => {
      const incident = await tx.incidents.findByRoom(m.room);
      if (!incident) return 'not_an_incident_room';
      const files = m.files ?? [];
      const text = [m.text, ...files.map((f) => `[file] ${f.name}: ${f.url}`)].filter(Boolean).join('\n');
      const stored = await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: files.length && !m.text ? 'file' : 'message',
        occurredAt: m.sentAt, recordedAt: this.clock.now(), actor: m.author, source: m.room.platform, text,
        data: files.length ? { files } : {}, idempotencyKey: m.idempotencyKey,
        external: externalRef(m.room, m.messageId, m.threadId),
      }));
      return stored ? 'stored' : 'duplicate';
    });
  }

  async edited(room: ConversationRef, messageId: string, text: string, at: Date): Promise<CaptureResult> {
    return this.change(room, messageId, (entry) => reviseEntry(entry, text, at));
  }

  async deleted(room: ConversationRef, messageId: string, at: Date): Promise<CaptureResult> {
    return this.change(room, messageId, (entry) => (entry.deletedAt ? entry : deleteEntry(entry, at)));
  }

  /** A pin or the highlight reaction marks the message; removing the last one unmarks it. */
  async highlighted(room: ConversationRef, messageId: string, on: boolean): Promise<CaptureResult> {
    return this.change(room, messageId, (entry) => ({ ...entry, highlighted: on }));
  }

  private async change(room: ConversationRef, messageId: string, apply: (e: TimelineEntry) => TimelineEntry): Promise<CaptureResult> {
    return this.uow.run(async (tx) => {
      const entry = await tx.timeline.findByExternal({ platform: room.platform, conversationId: room.conversationId, messageId });
      if (!entry) return (await tx.incidents.findByRoom(room)) ? 'unknown_message' : 'not_an_incident_room';
      const next = apply(entry);
      if (next !== entry) await tx.timeline.update(next);
      return 'stored';
    });
  }
}

const externalRef = (room: ConversationRef, messageId: string, threadId?: string): ExternalMessageRef => ({
  platform: room.platform, conversationId: room.conversationId, messageId, ...(threadId && threadId !== messageId ? { threadId } : {}),
});
