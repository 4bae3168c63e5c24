/**
 * Every dashboard and status page is served with these. Scripts and styles come only from our own
 * `/assets/` (no inline script, no `unsafe-inline`, no eval), so text a user typed can never run even
 * if an escaping bug let markup through. Styles set through the CSSOM by a script (chart sizes, the
 * Adaptive Card renderer) are not inline style attributes and need no exception.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
