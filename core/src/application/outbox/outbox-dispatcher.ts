import { inject, injectable, multiInject, optional } from 'inversify';
import { MusterError, RateLimitedError } from '../../errors';
import type { OutboxMessage } from '../ports/outbox.port';
import type { Clock, Logger } from '../ports/system.port';
import type { Repositories } from '../ports/unit-of-work.port';
import { TOKENS } from '../tokens';
import type { OutboxHandler } from './outbox-handler';
import type { Topic, TopicPayloads } from './topics';

export const MAX_ATTEMPTS = 12;
const MAX_BACKOFF_MS = 5 * 60_000;
const LEASE_MS = 2 * 60_000;

/** Errors that no retry will fix: give up at once and keep the message as a dead letter. */
const PERMANENT = new Set(['not_found', 'invalid_state', 'configuration', 'validation_failed', 'not_permitted', 'invalid_argument']);

export interface DrainResult {
  readonly done: number;
  readonly retried: number;
  readonly dead: number;
}

/**
 * Runs due outbox messages through their handlers. Rate limits are honoured to the millisecond the
 * remote side asked for; other failures back off exponentially (with jitter, so a fleet does not retry
 * in step) and end as dead letters after MAX_ATTEMPTS, visible in metrics rather than silently lost.
 */
@injectable()
export class OutboxDispatcher {
  private readonly handlers: Map<string, OutboxHandler>;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @multiInject(TOKENS.OutboxHandler) @optional() handlers: OutboxHandler[] = [],
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {
    this.handlers = new Map((handlers ?? []).map((h) => [h.topic, h]));
  }

  async drain(limit = 32): Promise<DrainResult> {
    const due = await this.repos.outbox.claimDue(this.clock.now(), limit, LEASE_MS);
    const outcomes = await Promise.all(due.map((m) => this.process(m)));
    return {
      done: outcomes.filter((o) => o === 'done').length,
      retried: outcomes.filter((o) => o === 'retried').length,
      dead: outcomes.filter((o) => o === 'dead').length,
    };
  }

  private async process(message: OutboxMessage): Promise<'done' | 'retried' | 'dead'> {
    const handler = this.handlers.get(message.topic) as OutboxHandler<Topic> | undefined;
    try {
      if (!handler) throw new MusterError('configuration', `No handler for outbox topic "${message.topic}".`);
      await handler.handle(message.payload as unknown as TopicPayloads[Topic], message);
      await this.repos.outbox.complete(message.id);
      return 'done';
    } catch (error) {
      const retryAt = this.retryAt(message, error);
      const reason = error instanceof MusterError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
      await this.repos.outbox.fail(message.id, reason.slice(0, 1000), retryAt);
      const fields = { topic: message.topic, attempt: message.attempts, error: reason, retryAt: retryAt?.toISOString() };
      if (retryAt) this.logger.warn('outbox message failed; will retry', fields);
      else this.logger.error('outbox message failed for good; kept as a dead letter', fields);
      return retryAt ? 'retried' : 'dead';
    }
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
