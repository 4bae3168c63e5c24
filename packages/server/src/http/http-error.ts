import { MusterError, type MusterErrorCode } from '@muster/core';
import { statusOf } from './status-by-code';

/**
 * A refusal at the HTTP edge that no domain rule made: no token, a body too large, the wrong media
 * type, a malformed field. It is a MusterError like every other (one coded error model); its HTTP
 * status comes from the one code → status table (status-by-code.ts), its message is already written
 * for an HTTP caller (the error boundary never rewords it), and `headers` go on the answer
 * (WWW-Authenticate, Connection: close).
 */
export class HttpError extends MusterError {
  constructor(code: MusterErrorCode, message: string, readonly headers: Readonly<Record<string, string>> = {}) {
    super(code, message);
  }

  /** The status the error boundary answers with. */
  get status(): number {
    return statusOf(this.code);
  }
}

export const badRequest = (message: string, code: 'invalid_request' | 'validation_failed' | 'invalid_idempotency_key' = 'invalid_request'): HttpError => new HttpError(code, message);
