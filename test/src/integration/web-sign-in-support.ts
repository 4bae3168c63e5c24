/**
 * Shared by the web-sign-in*.spec.ts suites: a browser's part of the HTTP conversation, by hand: cookies
 * kept by name, redirects not followed (each hop is asserted), and the OpenID Connect redirect dance
 * through a fake provider.
 */
import type { InProcessServer } from './server-support';

export interface Hop {
  readonly status: number;
  readonly location?: string;
  readonly setCookies: readonly string[];
  readonly text: string;
}

/** The cookies a browser would keep for one site (name → value; a Max-Age=0 cookie is dropped). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0\b/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** One request without following redirects; the jar sends its cookies and keeps what comes back. */
export async function hop(url: string, jar?: CookieJar, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Hop> {
  const headers: Record<string, string> = { ...init.headers };
  const cookie = jar?.header();
  if (cookie) headers.cookie = cookie;
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual' });
  const setCookies = response.headers.getSetCookie();
  jar?.take(setCookies);
  return { status: response.status, location: response.headers.get('location') ?? undefined, setCookies, text: await response.text() };
}

export interface Dance {
  readonly start: Hop;
  readonly authorize: Hop;
  /** The provider's redirect back to Muster (replayable in a test). */
  readonly callbackUrl: string;
  readonly callback: Hop;
}

/**
 * `/login/<provider>` → the provider's authorize endpoint → Muster's callback, as a browser does it.
 * The callback URL names MUSTER_PUBLIC_URL; it is sent to the server under test's own address.
 */
export async function signInDance(server: InProcessServer, provider: string, jar = new CookieJar(), next?: string): Promise<Dance> {
  const start = await hop(`${server.url}/login/${provider}${next ? `?next=${encodeURIComponent(next)}` : ''}`, jar);
  if (start.status !== 303 || !start.location) throw new Error(`/login/${provider} answered ${start.status}: ${start.text}`);
  const authorize = await hop(start.location);
  if (!authorize.location) throw new Error(`the provider answered ${authorize.status}: ${authorize.text}`);
  const callbackUrl = toServer(server, authorize.location);
  const callback = await hop(callbackUrl, jar);
  return { start, authorize, callbackUrl, callback };
}

/** A URL of MUSTER_PUBLIC_URL, sent to the in-process server instead. */
export function toServer(server: InProcessServer, url: string): string {
  const u = new URL(url);
  return `${server.url}${u.pathname}${u.search}`;
}

/** The session cookie among Set-Cookie lines (plain http: `muster_session`). */
export const sessionCookieOf = (hopped: Hop): string | undefined => hopped.setCookies.find((c) => c.startsWith('muster_session=') && !/max-age=0\b/i.test(c));

export async function countRows(server: InProcessServer, table: 'web_sessions' | 'web_sign_in_links'): Promise<number> {
  const rows = await server.store.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`) as { n: number | string }[];
  return Number(rows[0].n);
}
