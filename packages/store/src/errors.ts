import { isMusterError, MusterError, staleCopyError } from '@muster/core';

export const staleCopy = staleCopyError;

/** The driver's own error behind TypeORM's QueryFailedError (or the error itself). */
function driverError(error: unknown): { code?: string; errno?: number; message?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const inner = (error as { driverError?: unknown }).driverError;
  return (typeof inner === 'object' && inner !== null ? inner : error) as { code?: string; errno?: number; message?: string };
}

/** A unique index refused the row (MySQL ER_DUP_ENTRY, SQLite UNIQUE / PRIMARY KEY constraint). */
export function isDuplicateKey(error: unknown): boolean {
  const e = driverError(error);
  return e.code === 'ER_DUP_ENTRY' || e.errno === 1062 || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * MySQL gave up on a row lock another transaction held: ER_LOCK_DEADLOCK (1213; the server rolled the
 * whole transaction back) or ER_LOCK_WAIT_TIMEOUT (1205; by default only the statement). Nothing was
 * wrong with the work itself, so running it again is the answer. Looks through MusterError causes, since
 * a unit may have translated the driver's error before throwing it. SQLite never raises these.
 */
export function isLockConflict(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const { code, errno } = driverError(e);
    if (code === 'ER_LOCK_DEADLOCK' || errno === 1213 || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1205) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** ER_LOCK_DEADLOCK: the server has rolled the whole transaction back, so nothing after it in the group may run. */
export function isDeadlock(error: unknown): boolean {
  const { code, errno } = driverError(error);
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213;
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR', 'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_LOCK_WAIT_TIMEOUT', 'ER_LOCK_DEADLOCK', 'ER_QUERY_INTERRUPTED', 'POOL_CLOSED', 'POOL_ENQUEUELIMIT',
  'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN',
]);

/** Errors a person must fix in the settings; retrying will not help. */
const SETTINGS_CODES = new Set(['ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR', 'ER_NOT_SUPPORTED_AUTH_MODE']);

/**
 * Turns a database failure into what callers act on: `unavailable` when the database cannot be reached
 * or is too busy (answer 5xx, the platform redelivers), `configuration` when the settings are wrong.
 * Other errors pass through untouched. Messages never carry the URL or password.
 */
export function translateDatabaseError(error: unknown, where = 'the database'): unknown {
  if (isMusterError(error)) return error;
  const { code } = driverError(error);
  const name = (error as { name?: string } | null)?.name;
  if (isReadOnlyServer(error)) {
    return new MusterError('unavailable', `${capitalise(where)} is read-only just now (a failover under way?); nothing was saved. Try again in a moment.`, { code }, { cause: error });
  }
  if ((code && UNREACHABLE_CODES.has(code)) || name === 'ConnectionIsNotSetError' || name === 'CannotExecuteNotConnectedError') {
    const busy = code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'ER_LOCK_DEADLOCK' || code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
    const what = busy ? `${where} is busy (${code})` : `${where} cannot be reached${code ? ` (${code})` : ''}`;
    return new MusterError('unavailable', `${capitalise(what)}; nothing was saved. Try again in a moment.`, { code }, { cause: error });
  }
  if (code && SETTINGS_CODES.has(code)) {
    return new MusterError('configuration', `${capitalise(where)} refused the connection (${code}): check the user, password and database name in MUSTER_DATABASE_URL.`, { code }, { cause: error });
  }
  return error;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A write reached a server running read-only: after an Aurora or replica failover, pooled connections
 * may still point at the old writer, now a reader. It passes once the failover is over, so callers must
 * see `unavailable` (5xx, redelivered, the outbox retries), not an internal error. 1290 alone also names
 * other options (--secure-file-priv), hence the message check.
 */
function isReadOnlyServer(error: unknown): boolean {
  const { code, errno, message } = driverError(error);
  if (code === 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION' || errno === 1792) return true;
  return (code === 'ER_OPTION_PREVENTS_STATEMENT' || errno === 1290) && /read[-_ ]only/i.test(message ?? '');
}

/** The transaction could not start or broke under the units: nothing was saved, and trying again is the answer. */
export function transactionLost(error: unknown): unknown {
  const translated = translateDatabaseError(error);
  if (isMusterError(translated)) return translated;
  return new MusterError('unavailable', 'The database dropped the transaction; nothing was saved. Try again in a moment.', {}, { cause: error });
}

/** The DataSource was closed (shutdown under way, or never opened). */
export const databaseClosed = (): MusterError =>
  new MusterError('unavailable', 'The database connection is closed; nothing was saved. Restart Muster if this persists.');

/**
 * Longest idempotency key (timeline, inbox, outbox). 512 utf8mb4 characters still fit an InnoDB index.
 * Keys are built by Muster (`slack:<event_id>`), so a longer one is a bug to report, not data to cut.
 */
export const MAX_KEY_LENGTH = 512;

export function checkKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH) {
    throw new MusterError('invalid_argument', `An idempotency key is ${key.length} characters; keys stop at ${MAX_KEY_LENGTH}. Build it from ids, not from content.`);
  }
}
