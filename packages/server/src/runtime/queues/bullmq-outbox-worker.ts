import { LEASE_MS, type Clock, type Logger, type Outbox, type OutboxDispatcher, type OutboxOutcome } from '@muster/core';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { fromJobData, OUTBOX_QUEUE, type OutboxJobData } from './outbox-job';

export type OutboxJobOutcome = OutboxOutcome | 'stale';

export interface OutboxJobDeps {
  readonly outbox: Outbox;
  readonly dispatcher: Pick<OutboxDispatcher, 'process'>;
  readonly clock: Clock;
  readonly record: (outcome: OutboxOutcome) => void;
}

/**
 * One job: first take the row over from the relay (its lease extended to the dispatcher's), but only
 * if the row is still unfinished at this job's claim; a row claimed again since belongs to the later
 * job, so this one does nothing ('stale'). Then one attempt through the dispatcher, which records
 * done, retry (due again later in the database, where the relay finds it) or dead. A job handed over
 * after its worker died renews the same claim and redoes the attempt; the effect log makes that safe.
 * Throws only when the store does: BullMQ marks the job failed and the row's lease runs out.
 */
export async function runOutboxJob(data: OutboxJobData, deps: OutboxJobDeps): Promise<OutboxJobOutcome> {
  const until = new Date(deps.clock.now().getTime() + LEASE_MS);
  if (!(await deps.outbox.renewLease(data.id, data.attempts, until))) return 'stale';
  const outcome = await deps.dispatcher.process(fromJobData(data));
  deps.record(outcome);
  return outcome;
}

export interface OutboxWorkerOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly concurrency: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  /** Shown as the job's `processedBy` in BullMQ (which process ran it): `<host>#<pid>`. */
  readonly name?: string;
}

/** Jobs taken back from dead workers this often at most before BullMQ fails them; the row's lease then brings it back anyway. */
const MAX_STALLED = 5;
const FORCED_CLOSE_MS = 2_000;

/** The BullMQ Worker of one process on the `outbox` queue. */
export class BullMqOutboxWorker {
  private worker: Worker<OutboxJobData, OutboxJobOutcome> | undefined;
  private reportedError = false;

  constructor(private readonly deps: OutboxJobDeps, private readonly options: OutboxWorkerOptions, private readonly logger: Logger) {}

  start(): void {
    if (this.worker) return;
    const { connection, prefix, concurrency, lockDurationMs, stalledIntervalMs, name } = this.options;
    this.worker = new Worker<OutboxJobData, OutboxJobOutcome>(OUTBOX_QUEUE, (job: Job<OutboxJobData>) => runOutboxJob(job.data, this.deps), {
      connection, prefix, concurrency, lockDuration: lockDurationMs, stalledInterval: stalledIntervalMs, maxStalledCount: MAX_STALLED, ...(name && { name }),
    });
    this.worker.on('error', (error) => {
      if (!this.reportedError) this.logger.error('the outbox queue worker lost Redis; it resumes when Redis is back', { err: error });
      this.reportedError = true;
    });
    this.worker.on('ready', () => { this.reportedError = false; });
    this.worker.on('failed', (job, error) => this.logger.warn('an outbox job could not be recorded; its row is retried when its lease ends', { id: job?.data.id, topic: job?.data.topic, err: error }));
  }

  /** Takes no new job, lets the active ones finish for up to `graceMs`, then closes regardless (a job cut off is handed on by the stalled check). */
  async stop(graceMs: number): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    // pause() stops fetching at once and resolves when the active jobs are done. BullMQ's close() would
    // wait for them too, but with no bound, and a later close(true) only joins that wait.
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      worker.pause().then(() => true, () => true),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), graceMs); }),
    ]);
    clearTimeout(timer);
    if (!finished) this.logger.warn('outbox jobs were still running at shutdown; another worker takes them over', { graceMs });
    // With Redis gone even a forced close can wait on it; the process exits regardless.
    await Promise.race([worker.close(true).catch(() => undefined), new Promise((resolve) => { timer = setTimeout(resolve, FORCED_CLOSE_MS); })]);
    clearTimeout(timer);
  }

}
