import type { RemoteAnswer } from './recorded-request';

/**
 * What a test scripts for the next matching request, before the fake's route sees it: an answer
 * (which changes no state), no answer at all, or doing the work and then dropping the connection.
 */
export type Script =
  | { readonly kind: 'answer'; readonly answer: RemoteAnswer; readonly match?: RegExp }
  | { readonly kind: 'hang'; readonly match?: RegExp }
  | { readonly kind: 'drop'; readonly match?: RegExp };

export interface FailOptions {
  /** Sent as `Retry-After` (seconds, or an HTTP date). */
  readonly retryAfter?: number | string;
  /** Only a request whose `METHOD /path` matches takes the script; default any. */
  readonly match?: RegExp;
  /** The answer's JSON; default the fake's `errorBody(status)`. */
  readonly json?: unknown;
  /** How many matching requests get it; default 1. */
  readonly times?: number;
}

/** Takes the first script whose `match` accepts `key` (scripts without one accept anything). */
export function takeScript(scripts: Script[], key: string): Script | undefined {
  const at = scripts.findIndex((s) => !s.match || s.match.test(key));
  return at < 0 ? undefined : scripts.splice(at, 1)[0];
}
