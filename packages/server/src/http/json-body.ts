import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';
import { findIllFormedString } from './well-formed-json';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/**
 * How much of a too-large body is read and thrown away so the client can finish sending and read the
 * 413. Closing a socket with unread data in it makes the kernel send a reset, and the client then
 * loses the answer, so draining is the only way it reliably sees it. Past this the connection is cut.
 */
export const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON object body: `Content-Type: application/json` (415 otherwise), at most `limit` bytes
 * (413 otherwise, chunked or not), valid UTF-8 without lone surrogates (400 naming the field),
 * well-formed JSON (400 otherwise). Bytes past the limit are counted and dropped, never kept.
 */
export async function readJsonBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT_BYTES): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    req.resume();
    throw new HttpError('unsupported_media_type', `Send the body as JSON with "Content-Type: application/json"${type ? ` (got "${type.slice(0, 60)}")` : ''}.`);
  }
  const declared = Number(req.headers['content-length']);
  // A body declared past the drain cap would be cut off anyway; say so at once and close.
  if (Number.isFinite(declared) && declared > DRAIN_CAP_BYTES) throw tooLarge(limit, true);
  const raw = await readLimited(req, limit);
  if (raw === 'over') throw tooLarge(limit, false);
  if (raw === 'cut') throw tooLarge(limit, true);
  if (raw.length === 0) throw new HttpError('invalid_body', 'The request body is empty; send a JSON object.');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HttpError('invalid_body', 'The body is not valid UTF-8; send JSON text encoded as UTF-8.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError('invalid_body', `The body is not valid JSON: ${(error as Error).message.slice(0, 120)}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError('invalid_body', 'The body must be a JSON object ({ … }).');
  }
  const bad = findIllFormedString(parsed);
  if (bad !== undefined) {
    throw new HttpError('validation_failed', `"${bad.slice(0, 80)}" contains a lone UTF-16 surrogate (an unpaired \\ud800–\\udfff escape); send well-formed Unicode text.`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * The body; `over` when it exceeded `limit` and was drained to its end; `cut` when it went past the
 * drain cap and the request was destroyed. Only the first `limit` bytes are ever held.
 */
export function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | 'over' | 'cut'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_CAP_BYTES) {
        req.destroy();
        resolve('cut');
        return;
      }
      if (size > limit) {
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'over' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number, closeConnection: boolean): HttpError {
  return new HttpError('payload_too_large', `The body is larger than ${Math.round(limit / 1024)} KiB; send at most ${limit} bytes of JSON.`, closeConnection ? { connection: 'close' } : {});
}
