import type { IncomingMessage } from 'node:http';

/** One request as a fake remote received it, for assertions. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  /** Without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** The body's text, as sent. */
  readonly body: string;
  /** The body parsed as JSON, or undefined (empty, or not JSON). */
  readonly json: unknown;
}

/**
 * What a fake remote answers: `json` is serialised, `text` is sent as is instead (a hostile or broken
 * answer). The same field names as `fakeHttp`'s answers.
 */
export interface RemoteAnswer {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `METHOD /path`: what a script's `match` and `requestsTo` test. */
export function routeKeyOf(request: Pick<RecordedRequest, 'method' | 'path'>): string {
  return `${request.method} ${request.path}`;
}

/** The bearer token of a request, or undefined. */
export function bearerOf(request: Pick<RecordedRequest, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
  return match?.[1];
}
