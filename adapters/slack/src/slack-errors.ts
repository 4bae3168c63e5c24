import { maskCredentials, MusterError, type MusterErrorCode, RateLimitedError } from '@muster/core';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError } from '@slack/web-api';

/**
 * A Slack Web API call that failed, as a MusterError with a message a person can act on. `slackError`
 * is Slack's own code (`channel_not_found`) for callers that tolerate some (`already_pinned`);
 * `ambiguous` says Slack may have done the work even though we got no answer (timeout, 5xx, reset).
 */
export class SlackApiError extends MusterError {
  constructor(
    code: MusterErrorCode,
    message: string,
    readonly slackMethod: string,
    readonly slackError: string | undefined,
    readonly ambiguous: boolean,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(code, message, { slackMethod, slackError, retryable: ambiguous || code === 'unavailable', ...options?.details }, { cause: options?.cause });
  }
}

/** Anything shaped like a credential (a Slack token above all), so no message we build can carry one even by accident. */
export const redactTokens = (text: string): string => maskCredentials(text, '…redacted');

/** Slack codes are snake_case words; anything else is not echoed back into a message. */
const safeCode = (code: unknown): string => (typeof code === 'string' && /^[a-z0-9_.:]{1,80}$/.test(code) ? code : 'unknown_error');

const REINSTALL = 'The Slack app must be reinstalled in this workspace (or SLACK_BOT_TOKEN replaced).';
const AUTH_ERRORS = new Set(['invalid_auth', 'token_revoked', 'token_expired', 'account_inactive', 'not_authed', 'no_permission', 'team_access_not_granted']);
/** Slack documents these as "some aspect of the operation may have succeeded". */
const MAYBE_DONE_ERRORS = new Set(['fatal_error', 'internal_error', 'service_unavailable', 'request_timeout']);
const NOT_PERMITTED_ERRORS = new Set(['restricted_action', 'cant_invite', 'not_allowed_token_type', 'ekm_access_denied', 'access_denied', 'method_not_supported_for_channel_type']);
const PROGRAMMING_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'invalid_arguments', 'invalid_arg_name', 'msg_too_long', 'no_text', 'invalid_metadata_format', 'invalid_metadata_schema', 'view_too_large', 'invalid_array_arg', 'invalid_form_data', 'invalid_post_type', 'missing_post_type', 'unknown_method']);
/** Without a Retry-After (an `ok:false, ratelimited` body), wait this long. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

function platformError(method: string, error: WebAPIPlatformError): MusterError {
  const code = safeCode(error.data.error);
  const tail = `(${code} from ${method})`;
  const make = (muster: MusterErrorCode, message: string, ambiguous = false, details?: Record<string, unknown>) =>
    new SlackApiError(muster, message, method, code, ambiguous, { cause: error, details });
  if (AUTH_ERRORS.has(code)) return make('unavailable', `Slack rejected Muster's credentials ${tail}. ${REINSTALL}`);
  if (code === 'missing_scope') {
    // Slack adds `needed` (and `provided`) to missing_scope answers; the SDK's result type does not list it.
    const needed = safeCode((error.data as { needed?: unknown }).needed);
    return make('configuration', `Muster's Slack app lacks the ${needed} scope ${tail}. Update the app from the manifest (muster manifest) and reinstall it.`, false, { needed });
  }
  if (code === 'ratelimited' || code === 'rate_limited') return new RateLimitedError(DEFAULT_RETRY_AFTER_MS, `Slack ${method}`, { cause: error });
  if (MAYBE_DONE_ERRORS.has(code)) return make('unavailable', `Slack had a problem with ${method} ${tail}; it will be retried.`, true);
  if (PROGRAMMING_ERRORS.has(code)) return make('internal', `Slack refused the request Muster sent ${tail}.`);
  if (NOT_PERMITTED_ERRORS.has(code)) return make('not_permitted', `Slack does not allow Muster to do that ${tail}.`);
  if (code.startsWith('invalid_name')) return make('invalid_argument', `Slack does not accept that channel name ${tail}.`);
  switch (code) {
    case 'channel_not_found':
      return make('not_found', `Slack could not find that channel ${tail}. It may have been deleted, or it is private and Muster is not a member.`);
    case 'not_in_channel':
      return make('not_permitted', `Muster is not a member of that channel ${tail}. Invite it with /invite @Muster and try again.`);
    case 'is_archived':
      return make('invalid_state', `That channel is archived ${tail}. Unarchive it, or run the command in another channel.`);
    case 'user_not_found':
    case 'users_not_found':
    case 'message_not_found':
    case 'not_found':
      return make('not_found', `Slack could not find what Muster referred to ${tail}.`);
    case 'name_taken':
      return make('conflict', `That channel name is already taken ${tail}.`);
    case 'expired_trigger_id':
    case 'exchanged_trigger_id':
    case 'invalid_trigger_id':
      return make('invalid_state', `The form could not be opened in time ${tail}. Please run the command again.`);
    case 'cant_update_message':
    case 'edit_window_closed':
      return make('not_permitted', `Slack no longer lets Muster change that message ${tail}.`);
    default:
      return make('unavailable', `Slack refused ${method} ${tail}.`);
  }
}

/** Connection errors that prove the request never reached Slack (so it cannot have been processed). */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL']);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && !code.startsWith('slack_')) return code;
    current = current.cause;
  }
  return undefined;
}

/** Every failure of a Slack call as a MusterError; RateLimitedError for HTTP 429 with its Retry-After. */
export function translateSlackError(error: unknown, method: string): MusterError {
  if (error instanceof MusterError) return error;
  if (error instanceof WebAPIRateLimitedError) return new RateLimitedError(error.retryAfter * 1000, `Slack ${method}`, { cause: error });
  if (error instanceof WebAPIPlatformError) return platformError(method, error);
  if (error instanceof WebAPIHTTPError) {
    const serverSide = error.statusCode >= 500;
    return new SlackApiError(serverSide ? 'unavailable' : 'internal', `Slack answered ${method} with HTTP ${error.statusCode}${serverSide ? '; it will be retried' : ''}.`, method, undefined, serverSide, { cause: error });
  }
  if (error instanceof WebAPIRequestError) {
    const code = causeCode(error.original);
    const reason = code ?? (error.original.name === 'TimeoutError' ? 'timeout' : 'connection failed');
    const ambiguous = !(code && NEVER_SENT_CODES.has(code));
    return new SlackApiError('unavailable', `Could not reach Slack for ${method} (${redactTokens(reason)}); it will be retried.`, method, undefined, ambiguous, { cause: error });
  }
  return new SlackApiError('internal', `Calling Slack ${method} failed unexpectedly.`, method, undefined, false, { cause: error });
}

export const isSlackError = (error: unknown, ...codes: string[]): error is SlackApiError =>
  error instanceof SlackApiError && error.slackError !== undefined && codes.includes(error.slackError);

export const isAmbiguousFailure = (error: unknown): boolean => error instanceof SlackApiError && error.ambiguous;
