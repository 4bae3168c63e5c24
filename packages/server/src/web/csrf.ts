import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The CSRF token of a session: an HMAC of the session cookie's secret value. Every instance computes
 * the same token without storing it, and a cross-site page can neither read the cookie nor the token.
 * Sent as the `_csrf` form field or the `X-CSRF-Token` header on every change.
 */
export const csrfTokenOf = (sessionToken: string): string =>
  createHmac('sha256', sessionToken).update('muster csrf v1').digest('base64url');

export function csrfMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const want = Buffer.from(csrfTokenOf(sessionToken));
  const got = Buffer.from(presented);
  return got.length === want.length && timingSafeEqual(got, want);
}
