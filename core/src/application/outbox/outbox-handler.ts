import type { OutboxMessage } from '../ports/outbox.port';
import type { Topic, TopicPayloads } from './topics';

/** Carries out one kind of deferred side effect. Must be safe to run again after a partial failure. */
export interface OutboxHandler<T extends Topic = Topic> {
  readonly topic: T;
  handle(payload: TopicPayloads[T], message: OutboxMessage): Promise<void>;
}
