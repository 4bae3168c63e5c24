import type { TimelineEntry, TimelineKind } from '@muster/core';
import { TimelineEntryRecord } from '../records/timeline-entry.record';

export function toTimelineRecord(entry: TimelineEntry): TimelineEntryRecord {
  return Object.assign(new TimelineEntryRecord(), {
    id: entry.id,
    incidentId: entry.incidentId,
    kind: entry.kind,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    actor: entry.actor ?? null,
    source: entry.source,
    data: entry.data,
    idempotencyKey: entry.idempotencyKey,
    externalPlatform: entry.external?.platform ?? null,
    externalConversationId: entry.external?.conversationId ?? null,
    externalMessageId: entry.external?.messageId ?? null,
    externalThreadId: entry.external?.threadId ?? null,
    ...mutableParts(entry),
  });
}

/** The parts `TimelineRepository.update` replaces: an edit, a deletion, a highlight. */
export function mutableParts(entry: TimelineEntry): Pick<TimelineEntryRecord, 'text' | 'revisions' | 'highlighted' | 'deletedAt'> {
  return {
    text: entry.text,
    revisions: entry.revisions.map((r) => ({ text: r.text, at: new Date(r.at).toISOString() })),
    highlighted: entry.highlighted,
    deletedAt: entry.deletedAt ?? null,
  };
}

export function toTimelineEntry(record: TimelineEntryRecord): TimelineEntry {
  const external = record.externalPlatform !== null && record.externalConversationId !== null && record.externalMessageId !== null
    ? {
        platform: record.externalPlatform, conversationId: record.externalConversationId, messageId: record.externalMessageId,
        ...(record.externalThreadId !== null && { threadId: record.externalThreadId }),
      }
    : undefined;
  return {
    id: record.id,
    incidentId: record.incidentId,
    position: Number(record.position),
    kind: record.kind as TimelineKind,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    ...(record.actor && { actor: record.actor }),
    source: record.source,
    text: record.text,
    data: record.data,
    idempotencyKey: record.idempotencyKey,
    highlighted: record.highlighted,
    ...(external && { external }),
    revisions: record.revisions.map((r) => ({ text: r.text, at: new Date(r.at) })),
    ...(record.deletedAt && { deletedAt: record.deletedAt }),
  };
}
