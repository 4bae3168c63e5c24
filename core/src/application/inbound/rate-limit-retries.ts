import { RateLimitedError } from '../../errors';

/** A single wait for Retry-After longer than this is not worth holding a follow-up for; it fails instead. */
const MAX_RATE_LIMIT_WAIT_MS = 15_000;
const MAX_ATTEMPTS = 3;

/**
 * Retries only what the platform refused with 429 (a RateLimitedError): such a call did nothing, so
 * trying again after Retry-After cannot post twice. Any other failure is final here (an ambiguous one
 * might have been done already).
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
