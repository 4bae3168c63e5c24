import type { ServerResponse } from 'node:http';

/** What a route handler answers; the server writes it (raw mounted handlers write their own). */
export interface HttpResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON with `application/json; charset=utf-8`. */
  readonly json?: unknown;
  /** Sent as is; set the content type in `headers`. */
  readonly text?: string;
  /** Bytes sent as they are (a PDF); set the content type in `headers`. */
  readonly body?: Buffer;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, json: body, headers });

export function writeResponse(res: ServerResponse, response: HttpResponse): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...response.headers };
  let body: string | Buffer = '';
  if (response.body !== undefined) {
    body = response.body;
    headers['content-type'] ??= 'application/octet-stream';
  } else if (response.json !== undefined) {
    body = JSON.stringify(response.json);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else if (response.text !== undefined) {
    body = response.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}

/** The one error body shape of every endpoint. */
export const errorBody = (code: string, message: string): { error: { code: string; message: string } } => ({ error: { code, message } });
