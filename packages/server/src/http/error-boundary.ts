import { MusterError, RateLimitedError, type Logger } from '@muster/core';
import { HttpError } from './http-error';
import { errorBody, json, type HttpResponse } from './response';
import { restMessage, type ErrorScene } from './rest-wording';
import { STATUS_BY_CODE } from './status-by-code';

/** How long a client should wait before retrying while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
const GENERIC = 'Something went wrong on our side. The details were logged; please try again in a moment.';

/**
 * Turns whatever a handler threw into a response. Our own errors carry messages written for the
 * caller (an HttpError's message and headers go out as they are); anything else (and `internal`,
 * `configuration`) becomes a generic 500 whose details go to the log only. No response ever carries a stack trace. Under /api/ the message is worded for an
 * API client (see rest-wording.ts).
 */
export function errorResponse(error: unknown, logger: Logger, where: ErrorScene): HttpResponse {
  if (error instanceof MusterError) {
    const status = STATUS_BY_CODE[error.code];
    if (status) {
      if (error instanceof HttpError) return json(status, errorBody(error.code, error.message), { ...error.headers });
      const headers: Record<string, string> = {};
      if (error.code === 'unavailable') headers['retry-after'] = String(UNAVAILABLE_RETRY_AFTER_SECONDS);
      if (error instanceof RateLimitedError) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterMs / 1000)));
      if (status === 503) logger.warn('request failed: dependency unavailable', { method: where.method, route: where.route, error: error.message });
      const message = where.route.startsWith('/api/') ? restMessage(error, where) : error.message;
      return json(status, errorBody(error.code, message), headers);
    }
  }
  logger.error('request failed', { method: where.method, route: where.route, err: error });
  return json(500, errorBody('internal', GENERIC));
}
