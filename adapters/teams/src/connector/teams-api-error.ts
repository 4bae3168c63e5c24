import { maskCredentials, MusterError, type MusterErrorCode, RateLimitedError } from '@muster/core';
import type { TransportFailure } from './json-http';

export type MicrosoftService = 'Bot Connector' | 'Microsoft Graph';

/**
 * A failed call to the Bot Connector or Microsoft Graph, as a MusterError a person can act on.
 * `remoteCode` is the service's own `error.code` (only when it is a plain identifier), `status` the
 * HTTP status; `ambiguous` says the service may have done the work although we got no good answer
 * (a timeout, a reset, a 500), so a retry must look before doing it again.
 */
export class TeamsApiError extends MusterError {
  constructor(
    code: MusterErrorCode,
    message: string,
    readonly service: MicrosoftService,
    readonly operation: string,
    readonly status: number | undefined,
    readonly remoteCode: string | undefined,
    readonly ambiguous: boolean,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(code, message, { service, operation, status, remoteCode, retryable: ambiguous || code === 'unavailable', ...options?.details }, { cause: options?.cause });
  }
}

/** Throttling (429, and the 412/502/504 Teams asks bots to back off on): retried after the delay. */
export class TeamsThrottledError extends RateLimitedError {
  constructor(
    retryAfterMs: number,
    readonly service: MicrosoftService,
    readonly operation: string,
    readonly status: number,
    /** A 502/504 may come after the work was done. */
    readonly ambiguous: boolean,
  ) {
    super(retryAfterMs, `${service} ${operation}`);
  }
}

export const isAmbiguous = (error: unknown): boolean =>
  (error instanceof TeamsApiError || error instanceof TeamsThrottledError) && error.ambiguous;

export const isRemoteError = (error: unknown, status: number, ...codes: string[]): error is TeamsApiError =>
  error instanceof TeamsApiError && error.status === status && (codes.length === 0 || (error.remoteCode !== undefined && codes.some((c) => c.toLowerCase() === error.remoteCode!.toLowerCase())));

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Math.min(Number(value), 24 * 3600) * 1000;
  // An HTTP date names its day or month in letters; Date.parse alone would take "-3" for a year.
  const at = /[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The `{ error: { code, message } }` both services answer with, reduced to what is safe to keep. */
export function remoteErrorOf(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' && /^[A-Za-z0-9_.:-]{1,80}$/.test(error.code) ? error.code : undefined;
  const message = typeof error?.message === 'string' ? redactSecrets(error.message).slice(0, 300) : undefined;
  return { code, message };
}

/** Bearer tokens, JWTs and any other credential, so nothing we keep or log can carry one even when a service echoes it. */
export const redactSecrets = (text: string): string => maskCredentials(text, '…redacted');

export function transportError(service: MicrosoftService, operation: string, failure: TransportFailure): TeamsApiError {
  return new TeamsApiError(
    'unavailable',
    `Could not reach ${service} for ${operation} (${failure.reason}); it will be retried.`,
    service, operation, undefined, undefined, failure.ambiguous, { cause: failure },
  );
}
