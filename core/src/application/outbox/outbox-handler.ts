import type { OutboxMessage } from '../ports/outbox.port';
import type { PayloadOf } from './topics';

/** How long a handler may run before the attempt counts as failed, unless it says otherwise. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 60_000;

/**
 * Carries out one kind of deferred side effect. Must be safe to run again after a partial failure:
 * an attempt may be abandoned at its time limit while its remote call is still on the way, and the
 * retry must find what it did (effect-step.ts) rather than do it twice.
 *
 * `topic` is any string: core's own are typed in TopicPayloads (topics.ts), and a module adds its own
 * there by declaration merging, or handles a topic it never declares with a plain-record payload.
 */
export interface OutboxHandler<T extends string = string> {
  readonly topic: T;
  /**
   * The attempt's time limit in ms (default DEFAULT_HANDLER_TIMEOUT_MS). Past it the attempt counts as
   * failed and is retried with backoff; the dispatcher moves on. Capped below the claim's lease, so a
   * message is never run by two workers because its lease ran out.
   */
  readonly timeoutMs?: number;
  handle(payload: PayloadOf<T>, message: OutboxMessage): Promise<void>;
}

