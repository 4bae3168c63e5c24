/** The answers worth another attempt: rate limited, or a gateway / overloaded server in front of the API. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * `Retry-After` in milliseconds from now: delta-seconds (`120`) or an HTTP date; undefined when
 * absent or unreadable (then the client backs off on its own).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export interface BackoffOptions {
  /** The first retry waits up to this; default 250 ms. */
  readonly baseMs?: number;
  /** No single wait is longer; default 5 s. */
  readonly maxMs?: number;
}

/**
 * Exponential backoff with full jitter (a random wait up to base·2^n): many installations retrying
 * the same vendor do not come back in lock-step.
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs ?? 5000, (options.baseMs ?? 250) * 2 ** retry);
  return Math.floor(random() * ceiling);
}
