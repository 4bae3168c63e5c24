import type { Logger, Scheduler } from '@muster/core';

/**
 * The Scheduler of the embedded mode (one process): a timer per task, unref'd so it never keeps the
 * process alive. A tick that comes while the task's last run is still going is skipped rather than
 * stacked, and a failure is logged and waits for the next tick.
 */
export class InProcessScheduler implements Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly logger: Logger) {}

  every(name: string, intervalMs: number, task: () => Promise<void>): void {
    if (this.stopped) return;
    clearInterval(this.timers.get(name));
    const timer = setInterval(() => this.tick(name, task), intervalMs);
    timer.unref();
    this.timers.set(name, timer);
  }

  /** Stops every timer and waits for the runs under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    await Promise.all(this.running.values());
  }

  private tick(name: string, task: () => Promise<void>): void {
    if (this.stopped || this.running.has(name)) return;
    const run = Promise.resolve()
      .then(task)
      .catch((error: unknown) => this.logger.warn('a scheduled task failed; it runs again at its next tick', { task: name, err: error }))
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
  }
}
