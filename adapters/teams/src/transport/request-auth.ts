import type { IncomingMessage } from 'node:http';
import type { CloudAdapter, Request } from '@microsoft/agents-hosting';
import { CapturedResponse } from './http-exchange';

export type AuthOutcome =
  | { readonly ok: true; readonly identity: Readonly<Record<string, unknown>> }
  /** `reason` is for Muster's log only; the caller answers a bare 401. */
  | { readonly ok: false; readonly reason: string };

/**
 * The SDK's JWT check (authorizeJWT, with the adapter's configuration): bearer scheme, RS256 only,
 * signature from the issuer's published keys, audience = the app id, issuer allow-list, not expired
 * (5 minutes' skew). Its answer is captured, not written: what it says about a failure stays in the log.
 */
export async function authenticate(adapter: CloudAdapter, req: IncomingMessage): Promise<AuthOutcome> {
  const request: Request = { method: req.method, headers: { authorization: req.headers.authorization } };
  const captured = new CapturedResponse();
  let passed = false;
  try {
    await adapter.authorizeRequest(request, captured, () => {
      passed = true;
    });
  } catch (error) {
    return { ok: false, reason: `the token check failed: ${(error as Error).message}` };
  }
  if (!passed) return { ok: false, reason: reasonOf(captured.detail) };
  return { ok: true, identity: request.user ?? {} };
}

/**
 * What the SDK leaves out: a Bot Framework token names the serviceUrl it was issued for (`serviceurl`),
 * and the activity must name the same one, so a token taken from one conversation cannot point
 * Muster's replies (and its token) somewhere else. The SDK compares hosts only, and only when told to;
 * this compares the whole URL and requires the claim.
 */
export function serviceUrlClaimMatches(identity: Readonly<Record<string, unknown>>, serviceUrl: string): boolean {
  const claim = identity.serviceurl;
  if (typeof claim !== 'string') return false;
  const a = normalised(claim);
  return a !== undefined && a === normalised(serviceUrl);
}

function normalised(value: string): string | undefined {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/u, '')}`;
  } catch {
    return undefined;
  }
}

function reasonOf(detail: unknown): string {
  const said = detail && typeof detail === 'object' ? (detail as Record<string, unknown>)['jwt-auth-error'] : undefined;
  return typeof said === 'string' ? said.slice(0, 200) : 'not authorized';
}
