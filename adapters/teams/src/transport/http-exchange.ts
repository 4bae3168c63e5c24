import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebResponse } from '@microsoft/agents-hosting';

/** Far above any activity Teams sends (a message is at most about 28 KB; a card submission less). */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** A too-large body is read to its end (so the client sees the 413) up to this, then the connection is cut. */
const DRAIN_CAP_BYTES = 8 * 1024 * 1024;

/** The body's bytes; `too_large` when it was over the limit (drained, never kept). */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_CAP_BYTES) {
        req.destroy();
        resolve('too_large');
      } else if (size <= limit) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > limit ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A JSON answer with a stable error code and words for a person; never a stack or a secret. */
export function answer(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The Express-like response the Agents SDK writes to, over Node's own. */
export class NodeWebResponse implements WebResponse {
  constructor(private readonly res: ServerResponse) {}

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  get writableEnded(): boolean {
    return this.res.writableEnded;
  }

  status(code: number): this {
    this.res.statusCode = code;
    return this;
  }

  setHeader(name: string, value: string): this {
    this.res.setHeader(name, value);
    return this;
  }

  send(body?: unknown): this {
    if (body === undefined) return this;
    const isText = typeof body === 'string' || Buffer.isBuffer(body);
    if (!isText && !this.res.headersSent) this.res.setHeader('content-type', 'application/json; charset=utf-8');
    this.res.write(isText ? body : JSON.stringify(body));
    return this;
  }

  end(): this {
    this.res.end();
    return this;
  }
}

/** What the SDK's JWT middleware said, kept out of the wire: its words would help someone forging tokens. */
export class CapturedResponse implements WebResponse {
  code = 200;
  detail: unknown;
  headersSent = false;
  writableEnded = false;

  status(code: number): this {
    this.code = code;
    return this;
  }

  setHeader(): this {
    return this;
  }

  send(body?: unknown): this {
    this.detail = body;
    this.headersSent = true;
    return this;
  }

  end(): this {
    this.writableEnded = true;
    return this;
  }
}
