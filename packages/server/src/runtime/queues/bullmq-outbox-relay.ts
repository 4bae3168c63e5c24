import type { Clock, Logger, Outbox } from '@muster/core';
import type { Queue } from 'bullmq';
import { outboxJobId, toJobData, type OutboxJobData } from './outbox-job';

/**
 * How long a row stays leased to the relay between its claim and a worker taking the job: short, so a
 * row whose job was lost (Redis flushed, the add failed, a job dropped after BullMQ gave up on it)
 * is claimed and queued again soon. A worker that takes the job extends the lease to the dispatcher's.
 */
export const RELAY_LEASE_MS = 30_000;
export const RELAY_INTERVAL_MS = 250;
const RELAY_BATCH = 64;
/**
 * Jobs waiting in the queue at most before the relay stops claiming: a row waits in the database
 * rather than in Redis, so a long backlog does not outlive relay leases and count extra attempts.
 */
export const MAX_QUEUED = 256;
/** Finished jobs BullMQ keeps for inspection, per state; the database keeps the real record. */
const KEEP = { removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } };

/**
 * Carries due outbox rows from the database (the durable truth, written with the change) to the BullMQ
 * queue, one job per claim. Runs on every instance, driven like the pump: a timer and `kick()` after a
 * request queued work; runs one at a time per process, and a kick during a run asks for one more run.
 * Several instances relaying at once is safe: claims take disjoint rows (SKIP LOCKED).
 */
export class BullMqOutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly queue: Queue<OutboxJobData>,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(intervalMs = RELAY_INTERVAL_MS): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => { this.running = undefined; });
  }

  /**
   * Stops the timer and waits (up to `graceMs`: with Redis down a run waits for it forever) for a relay
   * run under way; rows it claimed are either queued or come back after their relay lease.
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
    clearTimeout(timer);
  }

  /** Relays until nothing more is due (or the queue is full); resolves with how many jobs were added. Never throws. */
  async relayOnce(): Promise<number> {
    let added = 0;
    try {
      for (;;) {
        const counts = await this.queue.getJobCounts('waiting', 'prioritized');
        const room = MAX_QUEUED - Object.values(counts).reduce((a, b) => a + b, 0);
        if (room <= 0) break;
        const claimed = await this.outbox.claimDue(this.clock.now(), Math.min(RELAY_BATCH, room), RELAY_LEASE_MS);
        if (claimed.length === 0) break;
        await this.queue.addBulk(claimed.map((m) => ({ name: m.topic, data: toJobData(m), opts: { jobId: outboxJobId(m), ...KEEP } })));
        added += claimed.length;
        if (claimed.length < RELAY_BATCH) break;
      }
      if (this.failing) this.logger.info('the outbox relay works again');
      this.failing = false;
    } catch (error) {
      // Once per outage, not every 250 ms. What was claimed comes back when its relay lease runs out.
      if (!this.failing) this.logger.error('the outbox relay cannot reach the database or Redis; retrying', { err: error });
      this.failing = true;
    }
    return added;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.relayOnce();
    } while (this.again && !this.stopped);
  }
}
