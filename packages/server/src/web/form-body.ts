import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error';
import { readJsonBody, readLimited } from '../http/json-body';

/** Postmortem sections are the largest thing a page sends. */
export const FORM_BODY_LIMIT_BYTES = 256 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A page's form (`application/x-www-form-urlencoded`) or a script's JSON body, as one map of fields.
 * Repeated fields keep the last value; values are strings (JSON values other than strings are kept
 * as they are for script callers). Anything else is a 415.
 */
export async function readFormBody(req: IncomingMessage, limit = FORM_BODY_LIMIT_BYTES): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json') return readJsonBody(req, limit);
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    throw new HttpError('unsupported_media_type', 'Send the form as application/x-www-form-urlencoded (or JSON from a script).');
  }
  const raw = await readLimited(req, limit);
  if (raw === 'over' || raw === 'cut') throw new HttpError('payload_too_large', `The form is larger than ${Math.round(limit / 1024)} KiB; shorten the text and send it again.`);
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HttpError('invalid_body', 'The form is not valid UTF-8.');
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** A text field of a form, trimmed; undefined when absent or not text. */
export const field = (form: Record<string, unknown>, name: string): string | undefined => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : undefined;
};
