import { PluginHttpError } from '../errors';
import { parseRetryAfter } from '../http/retry-policy';
import type { HttpRequest, HttpResponse, PluginHttp } from '../plugin-context';

/** What the remote side finally answers (after the real client's retries): a status and a body, or no answer at all. */
export type FakeAnswer =
  | { readonly status?: number; readonly json?: unknown; readonly text?: string; readonly headers?: Readonly<Record<string, string>> }
  | { readonly fail: 'timeout' | 'network' };

/** One answer for every call, answers in turn (the last repeats), or a function of the request. */
export type FakeRoute = FakeAnswer | readonly FakeAnswer[] | ((request: HttpRequest, call: number) => FakeAnswer | Promise<FakeAnswer>);

/** `'POST https://api.example.com/v1/pages'` → route. A key without a query string matches any query. */
export type FakeHttpRoutes = Readonly<Record<string, FakeRoute>>;

export interface FakeHttp extends PluginHttp {
  /** Every call, in order, as the plugin made it. */
  readonly calls: HttpRequest[];
  /** Calls no route answered (each also failed the plugin's call). */
  readonly unanswered: string[];
  /** The calls one route key matched. */
  callsTo(key: string): HttpRequest[];
}

/**
 * A scripted remote API for `ctx.http`, behaving as the real client does towards the plugin: a
 * non-2xx answer throws `PluginHttpError` (with `retryAfterMs` from Retry-After), `fail` throws one
 * without status, `json()` of a body that is not JSON throws.
 */
export function fakeHttp(routes: FakeHttpRoutes, options: { readonly baseUrl?: string } = {}): FakeHttp {
  const calls: HttpRequest[] = [];
  const unanswered: string[] = [];
  const matched = new Map<string, HttpRequest[]>();
  const keyOf = (request: HttpRequest): string | undefined => {
    const url = options.baseUrl ? new URL(request.url, options.baseUrl).toString() : request.url;
    const exact = `${request.method} ${url}`;
    if (exact in routes) return exact;
    const withoutQuery = `${request.method} ${url.split('?', 1)[0]}`;
    return withoutQuery in routes ? withoutQuery : undefined;
  };

  return {
    calls,
    unanswered,
    callsTo: (key) => matched.get(key) ?? [],
    async request(request) {
      const copy = structuredClone(request);
      calls.push(copy);
      const key = keyOf(request);
      if (key === undefined) {
        unanswered.push(`${request.method} ${request.url}`);
        throw new Error(`fakeHttp has no answer for ${request.method} ${request.url}; scripted: ${Object.keys(routes).join(', ') || 'nothing'}`);
      }
      const seen = matched.get(key) ?? [];
      seen.push(copy);
      matched.set(key, seen);
      const route = routes[key]!;
      const answer = typeof route === 'function' ? await route(copy, seen.length) : Array.isArray(route) ? route[Math.min(seen.length, route.length) - 1]! : route as FakeAnswer;
      return answerWith(answer, request);
    },
  };
}

function answerWith(answer: FakeAnswer, request: HttpRequest): HttpResponse {
  const what = `${request.method} ${request.url.split('?', 1)[0]}`;
  if ('fail' in answer) throw new PluginHttpError(`${what}: ${answer.fail === 'timeout' ? 'timed out' : 'connection refused'}`, undefined);
  const status = answer.status ?? 200;
  const text = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
  const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (answer.json !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  if (status < 200 || status >= 300) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
    throw new PluginHttpError(`${what} answered ${status}`, status, retryAfterMs, text.slice(0, 500));
  }
  return {
    status,
    headers,
    text,
    json<T>(): T {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new PluginHttpError(`${what} answered ${status} with a body that is not JSON`, status, undefined, text.slice(0, 500));
      }
    },
  };
}
