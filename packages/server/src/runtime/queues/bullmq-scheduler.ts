import type { Logger, Scheduler } from '@muster/core';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';

export const SCHEDULES_QUEUE = 'schedules';

export interface BullMqSchedulerOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  /** Whether this process runs the ticks (a `muster start` with MUSTER_WORK_QUEUES=off only declares them). */
  readonly work: boolean;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
}

/**
 * The fleet-wide Scheduler: each task is a BullMQ job scheduler (`upsertJobScheduler`, keyed by the
 * task's name), so however many instances declare it, Redis makes one job per tick and one worker
 * runs it. Every instance declares the same tasks at start; the upsert is idempotent. Tasks declared
 * before `start()` are upserted then. A failed tick is logged; the next one comes anyway.
 */
export class BullMqScheduler implements Scheduler {
  private readonly tasks = new Map<string, { intervalMs: number; task: () => Promise<void> }>();
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private reportedError = false;

  constructor(private readonly options: BullMqSchedulerOptions, private readonly logger: Logger) {}

  every(name: string, intervalMs: number, task: () => Promise<void>): void {
    this.tasks.set(name, { intervalMs, task });
    if (this.queue) this.upsert(name, intervalMs);
  }

  start(): void {
    if (this.queue) return;
    const { connection, prefix, work, lockDurationMs, stalledIntervalMs } = this.options;
    this.queue = new Queue(SCHEDULES_QUEUE, { connection, prefix, defaultJobOptions: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } });
    this.queue.on('error', (error) => this.reportOnce(error));
    if (work) {
      this.worker = new Worker(SCHEDULES_QUEUE, async (job) => {
        const entry = this.tasks.get(job.name);
        // Another version of Muster may declare a task this one lacks: leave it to the instances that know it.
        if (!entry) throw new Error(`no task named ${job.name} in this process`);
        await entry.task();
      }, { connection, prefix, concurrency: 1, lockDuration: lockDurationMs, stalledInterval: stalledIntervalMs });
      this.worker.on('error', (error) => this.reportOnce(error));
      this.worker.on('failed', (job, error) => this.logger.warn('a scheduled task failed; it runs again at its next tick', { task: job?.name, err: error }));
    }
    for (const [name, { intervalMs }] of this.tasks) this.upsert(name, intervalMs);
  }

  async stop(graceMs = 10_000): Promise<void> {
    const closing = [this.worker?.close(), this.queue?.close()].filter((p): p is Promise<void> => !!p);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(closing), new Promise((resolve) => { timer = setTimeout(resolve, graceMs); })]);
    clearTimeout(timer);
  }

  private upsert(name: string, intervalMs: number): void {
    this.queue!.upsertJobScheduler(name, { every: intervalMs }, { name }).catch((error: unknown) => this.logger.error('a scheduled task could not be declared in Redis', { task: name, err: error }));
  }

  private reportOnce(error: Error): void {
    if (!this.reportedError) this.logger.error('the scheduler lost Redis; ticks resume when Redis is back', { err: error });
    this.reportedError = true;
  }
}
