import { inject, injectable } from 'inversify';
import { OutboxDispatcher, TOKENS, type Logger } from '@muster/core';
import { SERVER_TOKENS } from '../container/server-tokens';
import type { ServerMetrics } from '../metrics/server-metrics';

export const PUMP_INTERVAL_MS = 250;
/** `drainUntilIdle` stops after this many rounds even if work keeps appearing (a handler that enqueues forever). */
const MAX_ROUNDS = 200;

/**
 * Runs the outbox in this process: every 250 ms, and at once when an adapter `kick()`s after handling a
 * request. One drain at a time; a kick during a drain asks for one more round after it. Failures are
 * logged and never escape: the outbox retries by itself.
 */
@injectable()
export class OutboxPump {
  private timer: NodeJS.Timeout | undefined;
  /** Drains run one after another on this chain: never two at once in this process. */
  private tail: Promise<void> = Promise.resolve();
  private kickQueued = false;

  constructor(
    @inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
    @inject(SERVER_TOKENS.Metrics) private readonly metrics: ServerMetrics,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  start(intervalMs = PUMP_INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Drain now, or right after the drain in progress; kicks that arrive while one is queued add nothing. */
  kick(): void {
    if (this.kickQueued) return;
    this.kickQueued = true;
    void this.exclusive(async () => {
      this.kickQueued = false;
      await this.drainOnce();
    });
  }

  /** Stops the timer and waits for the drains already asked for. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.tail;
  }

  /**
   * Drains until nothing is due (or `deadlineMs` passes): the console's flush after each command, and
   * the last drain at shutdown. Retries scheduled for later are not waited for.
   */
  drainUntilIdle(deadlineMs = 30_000): Promise<void> {
    return this.exclusive(async () => {
      const until = Date.now() + deadlineMs;
      for (let round = 0; round < MAX_ROUNDS && Date.now() < until; round++) {
        if (!(await this.drainOnce())) return;
      }
    });
  }

  private exclusive(work: () => Promise<void>): Promise<void> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** One drain; whether it processed anything. Never throws. */
  private async drainOnce(): Promise<boolean> {
    try {
      const result = await this.dispatcher.drain();
      this.metrics.recordOutbox(result);
      return result.done + result.retried + result.dead > 0;
    } catch (error) {
      this.logger.error('outbox drain failed; will try again', { err: error });
      return false;
    }
  }
}
