import type { ServerResponse } from 'node:http';
import { isMusterError, type Logger, MusterError } from '@muster/core';

/** Seconds Slack is asked to wait before redelivering while the database is unreachable. */
const RETRY_AFTER_SECONDS = 5;

/** The first MusterError in a chain of wrappers (Bolt's AuthorizationError keeps the original as `original`/`cause`). */
export function musterCauseOf(error: unknown): MusterError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (current instanceof MusterError) return current;
    current = (current as { original?: unknown }).original ?? current.cause;
  }
  return undefined;
}

const isAuthorizationFailure = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === 'slack_bolt_authorization_error';

/**
 * The status for a request whose listener failed before Slack had its answer. A storage failure is a
 * 5xx, so Slack delivers the event again (the idempotency key makes that safe); a workspace without a
 * live installation is 401, as Bolt answers by default; anything else is a 500 whose details are logged.
 */
export function answerFailedDelivery(error: unknown, response: ServerResponse, logger: Logger): void {
  const cause = musterCauseOf(error);
  const reason = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (response.headersSent) {
    logger.error('A Slack request failed after its answer was sent', { error: reason });
    return;
  }
  if (isMusterError(cause, 'unavailable')) {
    logger.warn('Slack request not stored: a dependency is unavailable; Slack will deliver it again', { error: reason });
    response.writeHead(503, { 'retry-after': String(RETRY_AFTER_SECONDS) });
  } else if (isAuthorizationFailure(error)) {
    logger.warn('Slack request from a workspace without a usable installation', { error: reason });
    response.writeHead(401);
  } else {
    logger.error('A Slack request failed', { err: error });
    response.writeHead(500);
  }
  response.end();
}
