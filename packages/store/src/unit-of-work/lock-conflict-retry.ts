import { isLockConflict } from '../errors';

/**
 * When a group commit lost its transaction to another transaction's row locks (two instances' groups
 * taking two tenants' sequence rows in opposite orders), nothing of it committed, so its units run again:
 * a few times, after a short jittered pause that lets the winner commit and keeps two losers from
 * meeting again in step. A person's slash command then succeeds instead of answering `unavailable`.
 */
export interface LockRetryOptions {
  /** Re-runs after the first try. Default 3; 0 turns retrying off. */
  readonly lockRetries?: number;
  /** Pause before the first re-run, doubled each time, ±50% jitter. Default 15 ms. */
  readonly lockRetryDelayMs?: number;
}

export class LockRetryPolicy {
  readonly retries: number;
  private readonly delayMs: number;

  constructor(options: LockRetryOptions = {}, private readonly random: () => number = Math.random) {
    this.retries = Math.max(0, Math.floor(options.lockRetries ?? 3));
    this.delayMs = Math.max(0, options.lockRetryDelayMs ?? 15);
  }

  /** Whether an error is the kind a re-run cures (the work was fine; the locks were not). */
  cures(error: unknown): boolean {
    return isLockConflict(error);
  }

  /** How long to wait before re-run number `attempt` (0 for the first re-run). */
  delayBefore(attempt: number): number {
    return Math.round(this.delayMs * 2 ** attempt * (0.5 + this.random()));
  }

  pause(attempt: number): Promise<void> {
    const ms = this.delayBefore(attempt);
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
