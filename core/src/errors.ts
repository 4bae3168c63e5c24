/**
 * One error type for everything Muster tells a user or a caller. The `code` is stable (tests, API
 * clients and adapters switch on it); the message is written for a person and says what to do next.
 * Never put a secret, a stack or an internal identifier a user cannot act on into `message`.
 */
export type MusterErrorCode =
  | 'invalid_command'
  | 'unknown_subcommand'
  | 'missing_argument'
  | 'invalid_argument'
  | 'unknown_severity'
  | 'unknown_role'
  | 'input_too_long'
  | 'unbalanced_quotes'
  | 'invalid_transition'
  | 'not_permitted'
  | 'not_found'
  | 'no_incident_here'
  | 'conflict'
  | 'duplicate'
  | 'invalid_state'
  | 'validation_failed'
  | 'rate_limited'
  | 'unavailable'
  | 'configuration'
  | 'internal'
  // Refusals at the HTTP edge (the server maps every code to its status in one table):
  | 'invalid_request'
  | 'invalid_body'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'unauthorized'
  | 'invalid_idempotency_key'
  | 'idempotency_key_reused'
  /** The API token lacks the scope the route needs (RFC 6750). */
  | 'insufficient_scope'
  /** A REST change to something muster.yaml defines (it is loaded again at every start). */
  | 'defined_in_config';

export class MusterError extends Error {
  override readonly name = 'MusterError';
  constructor(
    readonly code: MusterErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The usage line to show under the message, when the error is about how a command was typed. */
  get usage(): string | undefined {
    return typeof this.details.usage === 'string' ? this.details.usage : undefined;
  }
}

/** A remote side asked us to slow down; retry no sooner than `retryAfterMs`. */
export class RateLimitedError extends MusterError {
  constructor(readonly retryAfterMs: number, what: string, options?: { cause?: unknown }) {
    super('rate_limited', `${what} is rate limited; retrying in ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs }, options);
  }
}

export function isMusterError(error: unknown, code?: MusterErrorCode): error is MusterError {
  return error instanceof MusterError && (code === undefined || error.code === code);
}

/**
 * The refusal of a save from a copy that someone else changed since it was loaded (optimistic
 * concurrency). Marked apart from other conflicts so a change that loaded its copy in the same
 * transaction can be run again on the fresh one (IncidentChanges), while a conflict with what a person
 * saw (an edit started from an older revision) is theirs to look at.
 */
export function staleCopyError(what: string): MusterError {
  return new MusterError('conflict', `${what} was changed by someone else meanwhile; look at it again and retry.`, { staleCopy: true });
}

export function isStaleCopy(error: unknown): boolean {
  return isMusterError(error, 'conflict') && error.details.staleCopy === true;
}

/** What a user may see of any error: our own message, or a generic line (details go to the log). */
export function userFacingMessage(error: unknown): string {
  if (error instanceof MusterError && error.code !== 'internal') return error.message;
  return 'Something went wrong on our side. The details were logged; please try again in a moment.';
}
