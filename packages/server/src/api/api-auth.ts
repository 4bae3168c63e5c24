import type { IncomingMessage } from 'node:http';
import type { RequestContext } from '@muster/core';
import type { ApiScope, ApiTokenRepository } from '@muster/store';
import { HttpError } from '../http/http-error';

const HOW_TO = 'Create a token with `muster tokens create <name>` and send it as "Authorization: Bearer <token>".';

/** Who an API caller is: the token (its id is stable, its name is for people) and the tenant it acts for. */
export interface ApiCaller {
  readonly tokenId: string;
  readonly tokenName: string;
  readonly tenantId: string;
  readonly scopes: readonly ApiScope[];
}

/**
 * Checks `Authorization: Bearer <token>` against the stored token hashes on every request (no cache),
 * so a token revoked with `muster tokens revoke` is refused from the next request on. Every refusal is
 * a 401 with `WWW-Authenticate: Bearer` and says how to get a token; none says which part was wrong.
 */
export async function authenticate(req: IncomingMessage, tokens: Pick<ApiTokenRepository, 'verify'>): Promise<ApiCaller> {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw unauthorized('invalid_request', header ? `The Authorization header must be "Bearer <token>". ${HOW_TO}` : `This API needs a token. ${HOW_TO}`);
  const token = await tokens.verify(match[1]);
  if (!token) throw unauthorized('invalid_token', `The token is unknown or was revoked. ${HOW_TO}`);
  return { tokenId: token.id, tokenName: token.name, tenantId: token.tenantId, scopes: token.scopes };
}

/** A 403 in RFC 6750's words when the token lacks the scope the route needs; says how to get one that has it. */
export function requireScope(caller: ApiCaller, scope: ApiScope): void {
  if (caller.scopes.includes(scope)) return;
  throw new HttpError('insufficient_scope',
    `This token may ${caller.scopes.join(' and ')}, and this request needs the "${scope}" scope. Create a token that has it with \`muster tokens create <name> --scope ${[...new Set([...caller.scopes, scope])].join(',')}\`.`,
    { 'www-authenticate': `Bearer realm="muster", error="insufficient_scope", scope="${scope}"` });
}

function unauthorized(error: 'invalid_request' | 'invalid_token', message: string): HttpError {
  return new HttpError('unauthorized', message, { 'www-authenticate': `Bearer realm="muster", error="${error}"` });
}

/**
 * API requests act as `{ platform: 'api', id: 'token:<tokenId>' }` in the token's tenant: the id, not
 * the name, so a token revoked and replaced under a similar name is never mistaken for the old one.
 * The idempotency key is the caller's (the routes scope it by token) or a fresh one per request.
 */
export function apiContext(caller: ApiCaller, idempotencyKey: string): RequestContext {
  return {
    actor: { platform: 'api', id: `token:${caller.tokenId}`, name: caller.tokenName },
    platform: 'api',
    workspaceId: caller.tenantId,
    idempotencyKey,
  };
}
