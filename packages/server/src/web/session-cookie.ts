import type { IncomingMessage } from 'node:http';

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs),
 * Secure with the `__Host-` prefix when Muster is served over https (MUSTER_PUBLIC_URL), so no
 * subdomain can set or shadow it. Plain http (a laptop's `npm start`) cannot use `__Host-`.
 */
export interface CookieOptions {
  readonly secure: boolean;
}

export const cookieName = (o: CookieOptions): string => (o.secure ? '__Host-muster_session' : 'muster_session');

export function sessionCookie(o: CookieOptions, token: string, maxAgeSeconds: number): string {
  return `${cookieName(o)}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}${o.secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (o: CookieOptions): string => sessionCookie(o, '', 0);

/** One cookie's value from the Cookie header; undefined when absent or malformed. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
