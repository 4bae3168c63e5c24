import { inject, injectable } from 'inversify';
import { OutboxDispatcher, TOKENS, tally, type Logger, type OutboxMessage } from '@muster/core';
import { SERVER_TOKENS } from '../container/server-tokens';
import type { ServerMetrics } from '../metrics/server-metrics';

export const PUMP_INTERVAL_MS = 250;
/** While requests are being answered, background work waits this long at most, checking every step. */
export const MAX_YIELD_MS = 250;
const YIELD_STEP_MS = 5;
/** Messages in flight at once in the background: small, so side effects never crowd out requests. */
export const POOL_SIZE = 8;
/** `drainUntilIdle` (console flush, shutdown) runs more at once: nothing else is waiting then. */
const IDLE_POOL_SIZE = 32;
/** `drainUntilIdle` stops after starting this many messages even if work keeps appearing (a handler that enqueues forever). */
const MAX_IDLE_MESSAGES = 200 * IDLE_POOL_SIZE;

/**
 * Runs the outbox in this process as a bounded pool: up to POOL_SIZE messages in flight, and a slot
 * that frees (a message done, failed, or past its handler's time limit) is refilled at once with the
 * next due message. So one slow or hung side effect holds one slot until its time limit, never the
 * others. The pool is refilled every 250 ms, when an adapter `kick()`s after handling a request, and
 * whenever a message finishes; refills (the claim queries) run one at a time. Failures are logged and
 * never escape: the outbox retries by itself.
 *
 * Messages of one incident may run side by side (they always could: a drain ran its batch together,
 * and several instances claim from one outbox). That is safe because no handler relies on another
 * having run: each loads the incident as it is now rather than as it was when queued, records what it
 * did through the effect log and optimistic-concurrency changes (IncidentChanges.applySystem retries a
 * conflict), and a card refresh that read an older version draws again if the incident changed
 * meanwhile (card-refresh.handler.ts). What one handler does for another's outcome, it does itself:
 * room set-up posts the card as it is when the room opens, and an invitation reads the rooms it finds.
 */
@injectable()
export class OutboxPump {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Refills run one after another on this chain: one claim at a time in this process. */
  private tail: Promise<unknown> = Promise.resolve();
  private kickQueued = false;
  private stopped = false;
  private busy: () => boolean = () => false;
  private handOff: (() => void) | undefined;

  constructor(
    @inject(OutboxDispatcher) private readonly dispatcher: OutboxDispatcher,
    @inject(SERVER_TOKENS.Metrics) private readonly metrics: ServerMetrics,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  start(intervalMs = PUMP_INTERVAL_MS): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /**
   * Acks come first: a chat platform gives us 3 s to answer, the outbox has minutes. Background refills
   * wait while `busy()` says requests are being answered — but never longer than MAX_YIELD_MS, so a
   * steady stream of requests cannot starve the side effects they cause.
   */
  yieldWhile(busy: () => boolean): void {
    this.busy = busy;
  }

  /**
   * Multi-instance mode: the queues run the outbox, so `kick()` (called wherever a request queued work)
   * passes the kick on to the relay instead of filling this pool. `drainUntilIdle` still works here.
   */
  handOffKicks(kick: () => void): void {
    this.handOff = kick;
  }

  /** Refill the pool now, or right after the refill in progress; kicks that arrive while one is queued add nothing. */
  kick(): void {
    if (this.handOff) return this.handOff();
    if (this.kickQueued || this.stopped) return;
    this.kickQueued = true;
    // The yield happens outside the refill chain, so a drainUntilIdle never waits behind it.
    void this.quiet().then(() => {
      this.kickQueued = false;
      if (!this.stopped) return this.exclusive(() => this.fill(POOL_SIZE));
    });
  }

  /** Stops the timer and the background refills, and waits for a refill under way. Messages in flight go on. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.tail;
  }

  /**
   * Runs the outbox until nothing is due and nothing is in flight (or `deadlineMs` passes): the
   * console's flush after each command, tests, and the last drain at shutdown. Retries scheduled for
   * later are not waited for; a message past its time limit counts as done for this purpose.
   */
  async drainUntilIdle(deadlineMs = 30_000): Promise<void> {
    const until = Date.now() + deadlineMs;
    let started = 0;
    while (Date.now() < until && started < MAX_IDLE_MESSAGES) {
      const claimed = await this.exclusive(() => this.fill(IDLE_POOL_SIZE));
      started += claimed;
      if (claimed === 0 && this.inFlight.size === 0) return;
      await this.oneSettles(until);
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async quiet(): Promise<void> {
    const until = Date.now() + MAX_YIELD_MS;
    while (this.busy() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, YIELD_STEP_MS));
  }

  /** Claims what fits in the pool's free slots and starts it; how many were started. Never throws. */
  private async fill(capacity: number): Promise<number> {
    const free = capacity - this.inFlight.size;
    if (free <= 0) return 0;
    let messages: OutboxMessage[];
    try {
      messages = await this.dispatcher.claim(free);
    } catch (error) {
      this.logger.error('outbox claim failed; will try again', { err: error });
      return 0;
    }
    for (const message of messages) this.launch(message);
    return messages.length;
  }

  private launch(message: OutboxMessage): void {
    const run: Promise<void> = this.dispatcher.process(message).then(
      (outcome) => this.metrics.recordOutbox(tally([outcome])),
      // The store failed to record the outcome; the lease runs out and the message is tried again.
      (error: unknown) => this.logger.error('outbox message could not be recorded; it will be tried again', { topic: message.topic, id: message.id, err: error }),
    ).finally(() => {
      this.inFlight.delete(run);
      this.kick();
    });
    this.inFlight.add(run);
  }

  /** Waits until a message in flight settles, or `until`. */
  private async oneSettles(until: number): Promise<void> {
    if (this.inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => { timer = setTimeout(resolve, Math.max(0, until - Date.now())); });
    await Promise.race([...this.inFlight, deadline]);
    clearTimeout(timer);
  }
}
