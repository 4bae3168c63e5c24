import { CaptureConversation, TOKENS, timelineEntry, type CapturedMessage, type CaptureResult, type Clock, type IdGenerator } from '@muster/core';
import { createStore, type Store } from '@muster/store';
import type { Container } from 'inversify';

/**
 * The store path as it is, and as the fixes proposed for the ingestion target would make it, built
 * from unchanged core and store parts inside the server process (bench-only diagnostics):
 * - `capture`: CaptureConversation.message from the server's container (production).
 * - `append-cached-room`: the room's incident looked up once, then each event one unit of work that
 *   only appends the entry CaptureConversation would append (what caching the room lookup gives).
 * - `…-parallel-groups-4`: the same over a second store opened with `parallelGroups: 4`, a store
 *   setting that exists today but the server does not expose.
 */
export const CAPTURE_VARIANTS = ['capture', 'append-cached-room', 'capture-parallel-groups-4', 'append-cached-room-parallel-groups-4'] as const;
export type CaptureVariant = (typeof CAPTURE_VARIANTS)[number];

export type CaptureFn = (m: CapturedMessage) => Promise<CaptureResult>;

export class CaptureVariants {
  private parallelStore?: Promise<Store>;

  constructor(private readonly container: Container, private readonly store: Store, private readonly databaseUrl: string) {}

  async build(variant: CaptureVariant, room: CapturedMessage['room']): Promise<CaptureFn> {
    const clock = this.container.get<Clock>(TOKENS.Clock);
    const ids = this.container.get<IdGenerator>(TOKENS.IdGenerator);
    if (variant === 'capture') return (m) => this.container.get(CaptureConversation).message(m);
    const store = variant.endsWith('parallel-groups-4') ? await this.parallel() : this.store;
    if (variant === 'capture-parallel-groups-4') {
      const capture = new CaptureConversation(store.unitOfWork, clock, ids);
      return (m) => capture.message(m);
    }
    const incident = await store.repositories.incidents.findByRoom(room);
    if (!incident) throw new Error(`no incident has the room ${room.conversationId}`);
    return (m) => store.unitOfWork.run(async (tx) => {
      // The entry CaptureConversation.message builds for a message without files.
      const stored = await tx.timeline.append(timelineEntry({
        id: ids.newId(), incidentId: incident.id, kind: 'message', occurredAt: m.sentAt, recordedAt: clock.now(), actor: m.author,
        source: m.room.platform, text: m.text, data: {}, idempotencyKey: m.idempotencyKey,
        external: { platform: m.room.platform, conversationId: m.room.conversationId, messageId: m.messageId },
      }));
      return stored ? 'stored' : 'duplicate';
    });
  }

  async close(): Promise<void> {
    if (this.parallelStore) await (await this.parallelStore).close();
  }

  private parallel(): Promise<Store> {
    this.parallelStore ??= createStore(this.databaseUrl, { migrate: false, parallelGroups: 4 });
    return this.parallelStore;
  }
}
