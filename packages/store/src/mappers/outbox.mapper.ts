import type { NewOutboxMessage, OutboxMessage } from '@muster/core';
import { OutboxRecord } from '../records/outbox.record';

/** A new row (its id is left to auto-increment): no attempts yet, due at once unless the message says when. */
export function toOutboxRecord(message: NewOutboxMessage, now: Date): OutboxRecord {
  return Object.assign(new OutboxRecord(), {
    topic: message.topic, payload: message.payload, idempotencyKey: message.idempotencyKey, attempts: 0,
    availableAt: message.availableAt ?? now, leasedUntil: null, lastError: null, dead: false, createdAt: now, completedAt: null,
  });
}

export function toOutboxMessage(record: OutboxRecord): OutboxMessage {
  return {
    id: String(record.id),
    topic: record.topic,
    payload: record.payload,
    idempotencyKey: record.idempotencyKey,
    attempts: record.attempts,
    availableAt: record.availableAt,
    createdAt: record.createdAt,
    ...(record.lastError !== null && { lastError: record.lastError }),
  };
}
