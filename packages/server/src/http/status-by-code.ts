import type { MusterErrorCode } from '@muster/core';

/**
 * Every error code a caller can cause, and its HTTP status: the one place the server maps codes to
 * statuses. A code missing here (`internal`, `configuration`) is our fault and answers a generic 500.
 */
export const STATUS_BY_CODE: Partial<Record<MusterErrorCode, number>> = {
  not_found: 404,
  no_incident_here: 404,
  not_permitted: 403,
  conflict: 409,
  duplicate: 409,
  invalid_transition: 409,
  invalid_state: 409,
  rate_limited: 429,
  unavailable: 503,
  invalid_command: 400,
  unknown_subcommand: 400,
  missing_argument: 400,
  invalid_argument: 400,
  unknown_severity: 400,
  unknown_role: 400,
  input_too_long: 400,
  unbalanced_quotes: 400,
  validation_failed: 400,
  invalid_request: 400,
  invalid_body: 400,
  invalid_idempotency_key: 400,
  unauthorized: 401,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  insufficient_scope: 403,
  defined_in_config: 409,
};

export const statusOf = (code: MusterErrorCode): number => STATUS_BY_CODE[code] ?? 500;
