import type { IncomingMessage } from 'node:http';
import { readCookie, type CookieOptions } from '../session-cookie';

/**
 * What a sign-in remembers between sending the browser to the provider and its return: the provider,
 * `state` (compared with the one coming back, so a callback this browser did not start is refused),
 * `nonce` (checked inside the id_token), the PKCE verifier and where to go after. All random values made
 * per attempt, in an HttpOnly cookie for ten minutes, so any instance can finish the sign-in. The cookie
 * is SameSite=Lax: the provider's redirect back is a top-level cross-site GET, which Lax lets through.
 */
export interface OidcAttempt {
  readonly provider: string;
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly next: string;
}

export const OIDC_ATTEMPT_SECONDS = 600;

const nameOf = (o: CookieOptions): string => (o.secure ? '__Host-muster_oidc' : 'muster_oidc');

export function attemptCookie(o: CookieOptions, attempt: OidcAttempt): string {
  const value = Buffer.from(JSON.stringify(attempt), 'utf8').toString('base64url');
  return `${nameOf(o)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${OIDC_ATTEMPT_SECONDS}${o.secure ? '; Secure' : ''}`;
}

export const clearedAttemptCookie = (o: CookieOptions): string => `${nameOf(o)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${o.secure ? '; Secure' : ''}`;

/** The attempt this browser started; undefined when there is none or the cookie is not one of ours. */
export function readAttempt(req: IncomingMessage, o: CookieOptions): OidcAttempt | undefined {
  const raw = readCookie(req, nameOf(o));
  if (!raw || raw.length > 2000) return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    const ok = ['provider', 'state', 'nonce', 'verifier', 'next'].every((k) => typeof v[k] === 'string' && (v[k] as string).length > 0);
    return ok ? (v as unknown as OidcAttempt) : undefined;
  } catch {
    return undefined;
  }
}
