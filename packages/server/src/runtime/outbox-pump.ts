import { inject, injectable } from 'inversify';
import { OutboxDispatcher, TOKENS, type Logger } from '@muster/core';
import { SERVER_TOKENS } from '../container/server-tokens';
import type { ServerMetrics } from '../metrics/server-metrics';

export const PUMP_INTERVAL_MS = 250;
/** `drainUntilIdle` stops after this many rounds even if work keeps appearing (a handler that enqueues forever). */
const MAX_ROUNDS = 200;
/** While requests are being answered, background work waits this long at most, checking every step. */
export const MAX_YIELD_MS = 250;
const YIELD_STEP_MS = 5;
/** Messages per background drain: small, so a drain that starts beside new requests is short. */
const BACKGROUND_BATCH = 8;

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
  private busy: () => boolean = () => false;

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

  /**
   * Acks come first: a chat platform gives us 3 s to answer, the outbox has minutes. Background drains
   * wait while `busy()` says requests are being answered — but never longer than MAX_YIELD_MS, so a
   * steady stream of requests cannot starve the side effects they cause.
   */
  yieldWhile(busy: () => boolean): void {
    this.busy = busy;
  }

  /** Drain now, or right after the drain in progress; kicks that arrive while one is queued add nothing. */
  kick(): void {
    if (this.kickQueued) return;
    this.kickQueued = true;
    void this.exclusive(async () => {
      await this.quiet();
      this.kickQueued = false;
      await this.drainOnce(BACKGROUND_BATCH);
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

  private async quiet(): Promise<void> {
    const until = Date.now() + MAX_YIELD_MS;
    while (this.busy() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, YIELD_STEP_MS));
  }

  /** One drain; whether it processed anything. Never throws. */
  private async drainOnce(limit?: number): Promise<boolean> {
    try {
      const result = await this.dispatcher.drain(limit);
      this.metrics.recordOutbox(result);
      return result.done + result.retried + result.dead > 0;
    } catch (error) {
      this.logger.error('outbox drain failed; will try again', { err: error });
      return false;
    }
  }
}
