import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/** Past this many bytes a too-large body is not even drained: the connection is dropped after the 413. */
const DRAIN_CAP_FACTOR = 16;

/**
 * Reads a JSON object body: `Content-Type: application/json` (415 otherwise), at most `limit` bytes
 * (413 otherwise), well-formed (400 otherwise). An over-large body is drained up to a cap so the
 * client reads the 413 instead of a reset connection.
 */
export async function readJsonBody(req: IncomingMessage, limit = DEFAULT_BODY_LIMIT_BYTES): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    req.resume();
    throw new HttpError(415, 'unsupported_media_type', `Send the body as JSON with "Content-Type: application/json"${type ? ` (got "${type.slice(0, 60)}")` : ''}.`);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit * DRAIN_CAP_FACTOR) throw tooLarge(limit, true);
  const raw = await readLimited(req, limit);
  if (raw === undefined) throw tooLarge(limit, false);
  if (raw.length === 0) throw new HttpError(400, 'invalid_body', 'The request body is empty; send a JSON object.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'invalid_body', `The body is not valid JSON: ${(error as Error).message.slice(0, 120)}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'invalid_body', 'The body must be a JSON object ({ … }).');
  }
  return parsed as Record<string, unknown>;
}

/** The body, or undefined when it exceeded `limit` (the rest is drained, up to the cap). */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * DRAIN_CAP_FACTOR) {
        req.destroy();
        resolve(undefined);
        return;
      }
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number, closeConnection: boolean): HttpError {
  return new HttpError(413, 'payload_too_large', `The body is larger than ${Math.round(limit / 1024)} KiB.`, closeConnection ? { connection: 'close' } : {});
}
