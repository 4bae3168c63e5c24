/**
 * One JSON request over Node's fetch, with a time limit, for the Bot Connector and Graph clients.
 * Redirects are refused: neither service redirects API calls, and following one could carry the
 * bearer token to a host nobody checked.
 */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed body, or undefined when it was empty or not JSON. */
  readonly body: unknown;
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly token?: string;
  readonly body?: unknown;
  readonly timeoutMs: number;
  /** Form fields instead of JSON (the OAuth token endpoint). */
  readonly form?: Record<string, string>;
}

/** The request may have reached the service (`ambiguous`) or provably did not. */
export class TransportFailure extends Error {
  override readonly name = 'TransportFailure';
  constructor(readonly reason: string, readonly ambiguous: boolean, options?: { cause?: unknown }) {
    super(reason, options);
  }
}

/** Connection errors that prove the request never left (so the service cannot have acted on it). */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'EHOSTUNREACH', 'ENETUNREACH']);

export async function requestJson(url: URL, request: JsonRequest): Promise<JsonAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  } else if (request.body !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(request.body);
  }
  let response: Response;
  try {
    response = await fetch(url, { method: request.method, headers, body, redirect: 'error', signal: AbortSignal.timeout(request.timeoutMs) });
  } catch (error) {
    throw transportFailure(error);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    // The status line arrived, so the service saw the request; only the body was lost.
    throw new TransportFailure('the answer was cut off', true, { cause: error });
  }
  return { status: response.status, headers: response.headers, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function transportFailure(error: unknown): TransportFailure {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new TransportFailure('timeout', true, { cause: error });
  }
  const code = causeCode(error);
  if (code && NEVER_SENT.has(code)) return new TransportFailure(code, false, { cause: error });
  return new TransportFailure(code ?? 'connection failed', true, { cause: error });
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}
