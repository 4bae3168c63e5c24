import { createHmac } from 'node:crypto';
import type { Verification, WebhookRequest } from '../capabilities/alert-source';
import { constantTimeEqual } from './constant-time';

// Reasons are logged for the operator: they say what was wrong, never what was presented or expected.
const OK: Verification = Object.freeze({ ok: true });
const refuse = (reason: string): Verification => ({ ok: false, reason });

type Headers = Pick<WebhookRequest, 'headers'>;

/** `Authorization: Bearer <token>`. */
export function verifyBearer(request: Headers, token: string): Verification {
  if (!token) return refuse('no token is configured for this source');
  const header = request.headers.authorization;
  if (!header) return refuse('the request has no Authorization header');
  const [scheme, presented] = splitScheme(header);
  if (scheme !== 'bearer' || !presented) return refuse('the Authorization header is not a Bearer token');
  return constantTimeEqual(presented, token) ? OK : refuse('the bearer token does not match');
}

/** `Authorization: Basic base64(user:password)`. */
export function verifyBasic(request: Headers, user: string, password: string): Verification {
  if (!user || !password) return refuse('no user and password are configured for this source');
  const header = request.headers.authorization;
  if (!header) return refuse('the request has no Authorization header');
  const [scheme, encoded] = splitScheme(header);
  if (scheme !== 'basic' || !encoded) return refuse('the Authorization header is not Basic credentials');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return refuse('the Basic credentials are not user:password');
  // Both halves are always compared, so the time taken does not say which one was wrong.
  const userMatches = constantTimeEqual(decoded.slice(0, colon), user);
  const passwordMatches = constantTimeEqual(decoded.slice(colon + 1), password);
  return userMatches && passwordMatches ? OK : refuse('the Basic credentials do not match');
}

/** A shared token in a header of the source's choosing (`X-Wazuh-Token: <token>`). */
export function verifyHeaderToken(request: Headers, headerName: string, token: string): Verification {
  const name = headerName.toLowerCase();
  if (!token) return refuse('no token is configured for this source');
  const presented = request.headers[name];
  if (!presented) return refuse(`the request has no ${name} header`);
  return constantTimeEqual(presented.trim(), token) ? OK : refuse(`the ${name} header does not match`);
}

export interface HmacOptions {
  /** Only signatures with this prefix count (`v1=`); others (a future scheme) are ignored. */
  readonly prefix?: string;
  /** How the signature is written; default hex. */
  readonly encoding?: 'hex' | 'base64';
}

/**
 * An HMAC-SHA256 of the exact body bytes. `signatures` is the header value(s): a sender rotating its
 * secret sends several, comma-separated (PagerDuty `X-PagerDuty-Signature: v1=…,v1=…`), and any
 * one matching is enough.
 */
export function verifyHmacSha256(rawBody: Buffer | string, secret: string, signatures: string | readonly string[] | undefined, options: HmacOptions = {}): Verification {
  if (!secret) return refuse('no signing secret is configured for this source');
  const prefix = options.prefix ?? '';
  const presented = (typeof signatures === 'string' ? [signatures] : signatures ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > prefix.length && value.startsWith(prefix))
    .map((value) => value.slice(prefix.length));
  if (presented.length === 0) return refuse(prefix ? `the request has no ${prefix} signature` : 'the request has no signature');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  // Every candidate is compared (no early exit), so timing does not say which one matched.
  let matched = false;
  for (const candidate of presented) {
    if (constantTimeEqual(Buffer.from(candidate, options.encoding ?? 'hex'), expected)) matched = true;
  }
  return matched ? OK : refuse('no signature matches the body');
}

/** `Bearer abc` → `['bearer', 'abc']`; tolerant of extra spaces, as senders are. */
function splitScheme(header: string): [string, string] {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return [trimmed.toLowerCase(), ''];
  return [trimmed.slice(0, space).toLowerCase(), trimmed.slice(space + 1).trim()];
}
