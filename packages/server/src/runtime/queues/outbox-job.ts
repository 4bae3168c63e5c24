import type { OutboxMessage } from '@muster/core';

/** The BullMQ queue the relay fills and the workers empty. */
export const OUTBOX_QUEUE = 'outbox';

/** An outbox message as a BullMQ job carries it (JSON: dates as ISO strings). */
export interface OutboxJobData {
  readonly id: string;
  readonly topic: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  readonly attempts: number;
  readonly availableAt: string;
  readonly createdAt: string;
  readonly lastError?: string;
}

/**
 * One job per claim: `<outbox id>-<attempts>` (BullMQ refuses `:` in a job id, its key separator).
 * BullMQ ignores a job whose id it already has, so a relay that adds the same claim twice queues it
 * once, and a later claim of the same row is a new job.
 */
export const outboxJobId = (message: Pick<OutboxMessage, 'id' | 'attempts'>): string => `${message.id}-${message.attempts}`;

export function toJobData(message: OutboxMessage): OutboxJobData {
  return {
    id: message.id, topic: message.topic, payload: message.payload, idempotencyKey: message.idempotencyKey, attempts: message.attempts,
    availableAt: message.availableAt.toISOString(), createdAt: message.createdAt.toISOString(),
    ...(message.lastError !== undefined && { lastError: message.lastError }),
  };
}

export function fromJobData(data: OutboxJobData): OutboxMessage {
  return {
    id: data.id, topic: data.topic, payload: data.payload, idempotencyKey: data.idempotencyKey, attempts: data.attempts,
    availableAt: new Date(data.availableAt), createdAt: new Date(data.createdAt),
    ...(data.lastError !== undefined && { lastError: data.lastError }),
  };
}
