import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import { conversationKey, enclosingConversations, type ConversationAddress, type ConversationRef, type PersonRef } from '../../domain/person';
import { deleteEntry, reviseEntry, timelineEntry, type ExternalMessageRef, type TimelineEntry } from '../../domain/timeline';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import { Batcher, Failed } from '../../support/batcher';
import { TOKENS } from '../container/tokens';

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

/** Rooms whose incident is remembered; past this the memory starts over (a lookup each is cheap). */
const MAX_CACHED_ROOMS = 10_000;

/**
 * Keeps the timeline in step with the incident room: messages, thread replies, edits, deletions and
 * highlights. Callers acknowledge the platform only after this returns (the write is committed).
 */
@injectable()
export class CaptureConversation {
  private readonly batcher = new Batcher<CapturedMessage, CaptureResult>((batch) => this.storeBatch(batch));
  // Per instance by design: only found rooms are remembered, and a room belongs to one incident for good.
  private readonly roomIncidents = new Map<string, string>();

  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /** Stored (or found to be a redelivery) and committed when the promise resolves: ack after it. */
  message(m: CapturedMessage): Promise<CaptureResult> {
    return this.batcher.submit(m);
  }

  private async storeBatch(batch: readonly CapturedMessage[]): Promise<(CaptureResult | Failed)[]> {
    try {
      return await this.uow.run((tx) => this.append(tx, batch));
    } catch (error) {
      // One bad message must not fail its neighbours: unless the database itself is the problem, write them one by one.
      if (batch.length === 1 || (error instanceof MusterError && error.code === 'unavailable')) throw error;
      return Promise.all(batch.map((m) => this.uow.run((tx) => this.append(tx, [m])).then(([result]) => result!, (failure: unknown) => new Failed(failure))));
    }
  }

  private async append(tx: Repositories, batch: readonly CapturedMessage[]): Promise<CaptureResult[]> {
    const entries: (TimelineEntry | undefined)[] = [];
    for (const m of batch) {
      const found = await this.incidentOf(tx, m.room);
      entries.push(found ? this.entryFor(m, found.incidentId, found.room) : undefined);
    }
    const stored = await tx.timeline.appendMany(entries.filter((e): e is TimelineEntry => !!e));
    let next = 0;
    return entries.map((e) => (!e ? 'not_an_incident_room' : stored[next++] ? 'stored' : 'duplicate'));
  }

  /**
   * The incident of the room a message was posted in, or of the room its thread belongs to, with that
   * room. A room's incident never changes once linked, so it is looked up once per process, not per message.
   */
  private async incidentOf(tx: Repositories, posted: ConversationRef): Promise<{ incidentId: string; room: ConversationAddress } | undefined> {
    for (const room of enclosingConversations(posted)) {
      const key = conversationKey(room);
      const cached = this.roomIncidents.get(key);
      if (cached) return { incidentId: cached, room };
      const incident = await tx.incidents.findByRoom(room);
      if (!incident) continue;
      if (this.roomIncidents.size >= MAX_CACHED_ROOMS) this.roomIncidents.clear();
      this.roomIncidents.set(key, incident.id);
      return { incidentId: incident.id, room };
    }
    return undefined;
  }

  /** The entry points at the message within the room it matched, so edits and deletions find it the same way. */
  private entryFor(m: CapturedMessage, incidentId: string, room: ConversationAddress): TimelineEntry {
    const files = m.files ?? [];
    const text = [m.text, ...files.map((f) => `[file] ${f.name}: ${f.url}`)].filter(Boolean).join('\n');
    return timelineEntry({
      id: this.ids.newId(), incidentId, kind: files.length && !m.text ? 'file' : 'message',
      occurredAt: m.sentAt, recordedAt: this.clock.now(), actor: m.author, source: m.room.platform, text,
      data: files.length ? { files } : {}, idempotencyKey: m.idempotencyKey,
      external: externalRef(room, m.messageId, m.threadId),
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

  /** Looks for the message in the room it was posted in, then in the room its thread belongs to, as capture stored it. */
  private async change(posted: ConversationRef, messageId: string, apply: (e: TimelineEntry) => TimelineEntry): Promise<CaptureResult> {
    return this.uow.run(async (tx) => {
      for (const room of enclosingConversations(posted)) {
        const entry = await tx.timeline.findByExternal({ platform: room.platform, conversationId: room.conversationId, messageId });
        if (!entry) {
          if (await tx.incidents.findByRoom(room)) return 'unknown_message';
          continue;
        }
        const next = apply(entry);
        if (next !== entry) await tx.timeline.update(next);
        return 'stored';
      }
      return 'not_an_incident_room';
    });
  }
}

const externalRef = (room: ConversationAddress, messageId: string, threadId?: string): ExternalMessageRef => ({
  platform: room.platform, conversationId: room.conversationId, messageId, ...(threadId && threadId !== messageId ? { threadId } : {}),
});
