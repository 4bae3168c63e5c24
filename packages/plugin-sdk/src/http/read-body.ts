import { PluginHttpError } from '../errors';

/**
 * The response body as text, refusing one larger than `maxBytes` before reading it when the sender
 * says its length, and as soon as it passes the limit otherwise: a runaway answer never fills memory.
 */
export async function readCappedBody(response: Response, maxBytes: number, what: string): Promise<string> {
  const tooLarge = () => new PluginHttpError(`${what}: the answer is larger than ${maxBytes} bytes`, response.status);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Removes every value in `secrets` from `text`: a remote error page that echoes the request (its
 * Authorization header, an API key) must not carry it into a log or the timeline.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out;
}
