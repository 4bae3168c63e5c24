import { PluginHttpError } from '../errors';
import type { HttpRequest, HttpResponse, PluginHttp } from '../plugin-context';
import type { HttpAttempt, PluginHttpOptions } from './http-options';
import { readCappedBody, scrub } from './read-body';
import { backoffDelay, parseRetryAfter, RETRYABLE_STATUSES } from './retry-policy';
import { redactUrl, UrlGuard } from './url-guard';

const EXCERPT = 500;
/** Not worth starting an attempt with less time than this left. */
const MIN_ATTEMPT_MS = 20;

/** What one attempt ended with: an answer (any status), or a failure before one. */
type Outcome = { readonly kind: 'answer'; readonly status: number; readonly headers: Record<string, string>; readonly text: string }
  | { readonly kind: 'failure'; readonly error: string };

/**
 * A plugin's `ctx.http` over Node's fetch: per-attempt time limits inside one deadline for the call,
 * retries of 429/502/503/504 and network failures (Retry-After honoured while the deadline allows,
 * else returned as `retryAfterMs` for the outbox to reschedule), capped answers, guarded hosts.
 */
export function createPluginHttp(options: PluginHttpOptions = {}): PluginHttp {
  const guard = new UrlGuard(options.baseUrl, options.allowedHosts);
  const random = options.random ?? Math.random;
  const report = (attempt: HttpAttempt) => {
    try {
      options.onAttempt?.(attempt);
    } catch {
      // A logging hook that fails must not fail the call it reports on.
    }
  };

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const started = Date.now();
      const deadline = started + (options.deadlineMs ?? 30_000);
      const url = guard.resolve(request.url, request.method);
      const what = `${request.method} ${redactUrl(url)}`;
      const init = buildInit(request, options.userAgent);
      const secrets = secretsOf(request, url, options.redact);
      const retries = Math.max(0, Math.min(10, request.retries ?? options.retries ?? 2));
      for (let attempt = 1; ; attempt += 1) {
        const left = deadline - Date.now();
        const timeoutMs = Math.min(request.timeoutMs ?? options.timeoutMs ?? 10_000, left);
        const attemptStart = Date.now();
        const base = () => ({ method: request.method, url: redactUrl(url), attempt, durationMs: Date.now() - attemptStart });
        let outcome: Outcome;
        try {
          outcome = await attemptOnce(url, init, timeoutMs, options, guard);
        } catch (error) {
          // Refused outright (a redirect off the allowed hosts, an answer too large): never retried.
          if (error instanceof PluginHttpError) report({ ...base(), status: error.status, error: error.message });
          throw error;
        }
        if (outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300) {
          report({ ...base(), status: outcome.status });
          return response(outcome, what, secrets);
        }
        const retryable = outcome.kind === 'failure' || RETRYABLE_STATUSES.has(outcome.status);
        const retryAfterMs = outcome.kind === 'answer' ? parseRetryAfter(outcome.headers['retry-after'], Date.now()) : undefined;
        const waitMs = retryAfterMs ?? backoffDelay(attempt - 1, options.backoff ?? {}, random);
        const another = retryable && attempt <= retries && Date.now() + waitMs + MIN_ATTEMPT_MS < deadline;
        report({ ...base(), ...(outcome.kind === 'answer' ? { status: outcome.status } : { error: outcome.error }), ...(another ? { retryInMs: waitMs } : {}) });
        if (!another) throw failure(outcome, what, attempt, retryAfterMs, secrets, deadline);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
  };
}

function buildInit(request: HttpRequest, userAgent: string | undefined): RequestInit {
  const what = `${request.method} ${redactUrl(request.url)}`;
  if (request.json !== undefined && request.body !== undefined) throw new PluginHttpError(`${what}: give json or body, not both`, undefined);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    try {
      headers.set(name, value);
    } catch {
      // fetch's own message quotes the value, which is usually a credential (a token read with a stray newline).
      throw new PluginHttpError(`${what}: the ${name.slice(0, 60)} header has a name or value that HTTP cannot carry`, undefined);
    }
  }
  let body: string | undefined = request.body;
  if (request.json !== undefined) {
    try {
      body = JSON.stringify(request.json);
    } catch {
      throw new PluginHttpError(`${what}: json is not serialisable as JSON`, undefined);
    }
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  if (userAgent && !headers.has('user-agent')) headers.set('user-agent', userAgent);
  return { method: request.method, headers, body, redirect: 'manual' };
}

/** One attempt, redirects followed by hand so each hop passes the guard and credentials stay with their origin. */
async function attemptOnce(url: URL, init: RequestInit, timeoutMs: number, options: PluginHttpOptions, guard: UrlGuard): Promise<Outcome> {
  const signal = AbortSignal.timeout(Math.max(1, timeoutMs));
  let current = url;
  let currentInit = init;
  try {
    for (let hop = 0; ; hop += 1) {
      const answer = await fetch(current, { ...currentInit, signal });
      const location = answer.headers.get('location');
      if (answer.status >= 300 && answer.status < 400 && location) {
        await answer.body?.cancel().catch(() => undefined);
        if (hop >= (options.maxRedirects ?? 5)) throw new PluginHttpError(`${init.method} ${redactUrl(url)}: more than ${options.maxRedirects ?? 5} redirects`, answer.status);
        const next = new URL(location, current);
        guard.check(next, String(init.method));
        currentInit = redirected(currentInit, answer.status, next.origin === current.origin);
        current = next;
        continue;
      }
      const text = await readCappedBody(answer, options.maxResponseBytes ?? 1024 * 1024, `${init.method} ${redactUrl(url)}`);
      return { kind: 'answer', status: answer.status, headers: Object.fromEntries(answer.headers), text };
    }
  } catch (error) {
    if (error instanceof PluginHttpError) throw error;
    if (signal.aborted) return { kind: 'failure', error: `timed out after ${Math.round(timeoutMs)} ms` };
    return { kind: 'failure', error: networkReason(error) };
  }
}

/** What fetch would do on a redirect: 303 (and 301/302 after POST) become GET without body; another origin gets no credentials. */
function redirected(init: RequestInit, status: number, sameOrigin: boolean): RequestInit {
  const headers = new Headers(init.headers);
  if (!sameOrigin) for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name);
  const toGet = status === 303 || ((status === 301 || status === 302) && init.method === 'POST');
  if (toGet) {
    headers.delete('content-type');
    return { ...init, method: 'GET', body: undefined, headers };
  }
  return { ...init, headers };
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } } | undefined)?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  const known: Record<string, string> = { ECONNREFUSED: 'connection refused', ECONNRESET: 'connection reset', ENOTFOUND: 'host not found', ETIMEDOUT: 'connection timed out', EAI_AGAIN: 'DNS lookup failed' };
  return code ? known[code] ?? `network error (${code})` : 'network error';
}

/** Values to keep out of error excerpts: every request header value (and its words), query values, the host's list. */
function secretsOf(request: HttpRequest, url: URL, redact: readonly string[] = []): string[] {
  const values = [...Object.values(request.headers ?? {}), ...url.searchParams.values()];
  return [...redact, ...values, ...values.flatMap((v) => v.split(/\s+/))].filter((v) => v.length >= 6).sort((a, b) => b.length - a.length);
}

function failure(outcome: Outcome, what: string, attempts: number, retryAfterMs: number | undefined, secrets: readonly string[], deadline: number): PluginHttpError {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (outcome.kind === 'failure') {
    const past = Date.now() >= deadline - MIN_ATTEMPT_MS ? ' (the time limit for the call is spent)' : '';
    return new PluginHttpError(`${what}: ${outcome.error}${tries}${past}`, undefined);
  }
  const excerpt = scrub(outcome.text.slice(0, EXCERPT * 2), secrets).slice(0, EXCERPT);
  const later = retryAfterMs !== undefined ? ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)` : '';
  return new PluginHttpError(`${what} answered ${outcome.status}${tries}${later}`, outcome.status, retryAfterMs, excerpt);
}

function response(answer: Extract<Outcome, { kind: 'answer' }>, what: string, secrets: readonly string[]): HttpResponse {
  return {
    status: answer.status,
    headers: answer.headers,
    text: answer.text,
    json<T>(): T {
      try {
        return JSON.parse(answer.text) as T;
      } catch {
        throw new PluginHttpError(`${what} answered ${answer.status} with a body that is not JSON`, answer.status, undefined, scrub(answer.text.slice(0, EXCERPT * 2), secrets).slice(0, EXCERPT));
      }
    },
  };
}
