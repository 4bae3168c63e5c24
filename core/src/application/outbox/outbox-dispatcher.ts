import { inject, injectable, multiInject, optional } from 'inversify';
import { MusterError, RateLimitedError } from '../../errors';
import type { OutboxMessage } from '../ports/outbox.port';
import type { Clock, Logger } from '../ports/system.port';
import type { Repositories } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { DEFAULT_HANDLER_TIMEOUT_MS, type OutboxHandler } from './outbox-handler';
import { withTimeLimit } from './time-limit';

export const MAX_ATTEMPTS = 12;
const MAX_BACKOFF_MS = 5 * 60_000;
export const LEASE_MS = 2 * 60_000;
/** A time limit ends this long before the lease, so the failure is recorded before anyone else may claim the message. */
const LEASE_MARGIN_MS = 15_000;
export const MAX_HANDLER_TIMEOUT_MS = LEASE_MS - LEASE_MARGIN_MS;

/** Errors that no retry will fix: give up at once and keep the message as a dead letter. */
const PERMANENT = new Set(['not_found', 'invalid_state', 'configuration', 'validation_failed', 'not_permitted', 'invalid_argument']);

export type OutboxOutcome = 'done' | 'retried' | 'dead';

export interface DrainResult {
  readonly done: number;
  readonly retried: number;
  readonly dead: number;
}

/**
 * Runs due outbox messages through their handlers, each attempt under its handler's time limit. Rate
 * limits are honoured to the millisecond the remote side asked for; other failures (a time limit
 * passed included) back off exponentially (with jitter, so a fleet does not retry in step) and end as
 * dead letters after MAX_ATTEMPTS, visible in metrics rather than silently lost. A topic nobody
 * handles is a dead letter at once.
 *
 * `drain` claims a batch and waits for all of it; the server's pump instead claims (`claim`) and
 * processes (`process`) one message at a time into a bounded pool, so one slow message holds one slot.
 */
@injectable()
export class OutboxDispatcher {
  private readonly handlers: ReadonlyMap<string, OutboxHandler>;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @multiInject(TOKENS.OutboxHandler) @optional() handlers: OutboxHandler[] = [],
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {
    const byTopic = new Map<string, OutboxHandler>();
    for (const handler of handlers ?? []) {
      if (byTopic.has(handler.topic)) throw new MusterError('configuration', `Two outbox handlers are bound for the topic "${handler.topic}"; bind one.`);
      byTopic.set(handler.topic, handler);
    }
    this.handlers = byTopic;
  }

  async drain(limit = 32): Promise<DrainResult> {
    const due = await this.claim(limit);
    const outcomes = await Promise.all(due.map((m) => this.process(m)));
    return tally(outcomes);
  }

  /** Leases up to `limit` due messages to this worker. */
  claim(limit: number): Promise<OutboxMessage[]> {
    return this.repos.outbox.claimDue(this.clock.now(), limit, LEASE_MS);
  }

  /** One attempt at one claimed message, recorded as done, to be retried, or dead. Throws only when the store does. */
  async process(message: OutboxMessage): Promise<OutboxOutcome> {
    const handler = this.handlers.get(message.topic);
    try {
      if (!handler) throw new MusterError('configuration', `No handler for outbox topic "${message.topic}".`);
      await this.attempt(handler, message);
      await this.repos.outbox.complete(message.id);
      return 'done';
    } catch (error) {
      const retryAt = this.retryAt(message, error);
      const reason = error instanceof MusterError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
      await this.repos.outbox.fail(message.id, reason.slice(0, 1000), retryAt);
      const fields = { topic: message.topic, id: message.id, attempt: message.attempts, error: reason, retryAt: retryAt?.toISOString() };
      if (retryAt) this.logger.warn('outbox message failed; will retry', fields);
      else this.logger.error('outbox message failed for good; kept as a dead letter', fields);
      return retryAt ? 'retried' : 'dead';
    }
  }

  private attempt(handler: OutboxHandler, message: OutboxMessage): Promise<void> {
    const limit = timeLimitOf(handler);
    // Called inside a promise, so a handler that throws before its first await fails like any other.
    const work = Promise.resolve().then(() => handler.handle(message.payload, message));
    return withTimeLimit(
      work,
      limit,
      () => new MusterError('unavailable', `The ${message.topic} side effect did not finish within ${limit < 1000 ? `${limit} ms` : `${Math.round(limit / 1000)} s`}; it will be tried again.`, { timeoutMs: limit }),
      (late) => this.logger.info('an outbox attempt abandoned at its time limit has finished', { topic: message.topic, id: message.id, outcome: late.status }),
    );
  }

  private retryAt(message: OutboxMessage, error: unknown): Date | undefined {
    const now = this.clock.now().getTime();
    if (error instanceof RateLimitedError) return new Date(now + error.retryAfterMs);
    if (error instanceof MusterError && PERMANENT.has(error.code)) return undefined;
    // `attempts` counts claims, this one included.
    if (message.attempts >= MAX_ATTEMPTS) return undefined;
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, message.attempts - 1));
    return new Date(now + base / 2 + Math.random() * (base / 2));
  }
}

function timeLimitOf(handler: OutboxHandler): number {
  const asked = handler.timeoutMs;
  const ms = typeof asked === 'number' && Number.isFinite(asked) && asked > 0 ? asked : DEFAULT_HANDLER_TIMEOUT_MS;
  return Math.min(ms, MAX_HANDLER_TIMEOUT_MS);
}

export function tally(outcomes: readonly OutboxOutcome[]): DrainResult {
  return {
    done: outcomes.filter((o) => o === 'done').length,
    retried: outcomes.filter((o) => o === 'retried').length,
    dead: outcomes.filter((o) => o === 'dead').length,
  };
}
