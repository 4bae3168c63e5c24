import { type Logger, RateLimitedError } from '@muster/core';

/** A single wait for Retry-After longer than this is not worth holding a follow-up for; it is logged instead. */
const MAX_RATE_LIMIT_WAIT_MS = 15_000;
const MAX_ATTEMPTS = 3;

/**
 * Work that runs after Slack has its answer: opening a modal, uploading a document, posting the reply
 * to a form. With `processBeforeResponse` the HTTP answer leaves only when the listener returns, so a
 * listener that awaited this work would hold the ack; it starts it here instead and returns.
 * Failures are logged (there is nobody left to answer); `idle()` lets a graceful stop or a test wait.
 */
export class AfterAck {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, work: () => Promise<void>): void {
    const task = withRateLimitRetries(work)
      .catch((error: unknown) => this.logger.warn(`Slack follow-up failed: ${what}`, { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when every follow-up started so far (and any they started) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  get pending(): number {
    return this.running.size;
  }
}

/**
 * Retries only what Slack refused with 429: such a call did nothing, so trying again after Retry-After
 * cannot post twice. Any other failure is final here (an ambiguous one might have been done already).
 */
export async function withRateLimitRetries<T>(work: () => Promise<T>, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RateLimitedError) || attempt >= MAX_ATTEMPTS || error.retryAfterMs > MAX_RATE_LIMIT_WAIT_MS) throw error;
      await sleep(error.retryAfterMs);
    }
  }
}
