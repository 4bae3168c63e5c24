import { PluginHttpError } from '@muster/plugin-sdk';
import type { SecretRedactor } from '../context/secret-redactor';
import { formatDuration } from './plugin-timeouts';

const MAX_REASON = 200;

/** A plugin call that did not finish within its time limit. */
export class PluginTimeoutError extends Error {
  override readonly name = 'PluginTimeoutError';
  constructor(readonly limitMs: number) {
    super(`timed out after ${formatDuration(limitMs)}`);
  }
}

/**
 * What went wrong, in one short line fit for health, the timeline and a log: `timed out after 10 s`,
 * `HTTP 401 from api.pagerduty.com`, `TypeError: x is not a function`; never a stack, never a secret.
 */
export function failureReason(error: unknown, redactor: SecretRedactor): string {
  let text: string;
  if (error instanceof PluginTimeoutError || error instanceof PluginHttpError) text = error.message;
  else if (error instanceof Error) text = error.message ? `${error.name}: ${error.message}` : error.name;
  else text = `threw ${error === null ? 'null' : typeof error}`;
  const oneLine = redactor.text(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_REASON ? `${oneLine.slice(0, MAX_REASON - 1)}…` : oneLine || 'failed without a reason';
}
