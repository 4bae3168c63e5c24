import { PluginHttpError } from '../errors';
import type { HttpRequest, HttpResponse, PluginHttp } from '../plugin-context';

/** An access token and when it stops being worth using. */
export interface IssuedToken {
  readonly accessToken: string;
  /** Seconds, as the token endpoint said. */
  readonly expiresIn: number;
}

/** Renew this long before the token endpoint's expiry, so a call never starts with a token about to lapse. */
const EARLY_MS = 60_000;

/**
 * Calls an API with a bearer token fetched by `issue`, kept in memory (never logged, never stored)
 * until shortly before it expires. Concurrent calls share one token request. A 401 means the token
 * was revoked or expired early: it is dropped and the call made once more with a fresh one.
 * For OAuth client-credentials APIs (Zoom, Microsoft Graph, Google service accounts): `issue` asks the
 * vendor's token endpoint, through `ctx.http`, and says how long the token lasts.
 */
export class BearerSession {
  private current?: { readonly token: string; readonly until: number };
  private pending?: Promise<string>;

  constructor(private readonly http: PluginHttp, private readonly issue: () => Promise<IssuedToken>, private readonly now: () => number = Date.now) {}

  async request(request: Omit<HttpRequest, 'headers'> & { readonly headers?: Readonly<Record<string, string>> }): Promise<HttpResponse> {
    const token = await this.token();
    try {
      return await this.http.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
    } catch (error) {
      if (!(error instanceof PluginHttpError) || error.status !== 401) throw error;
      this.forget(token);
      const fresh = await this.token();
      return this.http.request({ ...request, headers: { ...request.headers, authorization: `Bearer ${fresh}` } });
    }
  }

  private async token(): Promise<string> {
    if (this.current && this.now() < this.current.until) return this.current.token;
    this.pending ??= this.issue().then((issued) => {
      this.current = { token: issued.accessToken, until: this.now() + Math.max(0, issued.expiresIn * 1000 - EARLY_MS) };
      return issued.accessToken;
    }).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drops `token` unless another call already replaced it. */
  private forget(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }
}

/** `expires_in` from a token answer: a positive number of seconds, capped at a day; else a short default. */
export function expiresInOf(value: unknown): number {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 86_400) : 300;
}

/** An access token as a header can carry it, or undefined (missing, huge, or with spaces or control characters). */
export function accessTokenOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 8192 && /^[\x21-\x7e]+$/.test(value) ? value : undefined;
}
