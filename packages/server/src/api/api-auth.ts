import type { IncomingMessage } from 'node:http';
import type { RequestContext } from '@muster/core';
import type { ApiTokenRepository } from '@muster/store';
import { HttpError } from '../http/http-error';

const HOW_TO = 'Create a token with `muster tokens create <name>` and send it as "Authorization: Bearer <token>".';

/** Who an API caller is: the token's id (what idempotency keys are scoped by) and name. */
export interface ApiCaller {
  readonly tokenId: string;
  readonly tokenName: string;
}

/**
 * Checks `Authorization: Bearer <token>` against the stored token hashes. Every refusal is a 401 with
 * `WWW-Authenticate: Bearer` and says how to get a token; none says which part was wrong.
 */
export async function authenticate(req: IncomingMessage, tokens: Pick<ApiTokenRepository, 'verify'>): Promise<ApiCaller> {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw unauthorized('invalid_request', header ? `The Authorization header must be "Bearer <token>". ${HOW_TO}` : `This API needs a token. ${HOW_TO}`);
  const token = await tokens.verify(match[1]);
  if (!token) throw unauthorized('invalid_token', `The token is unknown or was revoked. ${HOW_TO}`);
  return { tokenId: token.id, tokenName: token.name };
}

function unauthorized(error: 'invalid_request' | 'invalid_token', message: string): HttpError {
  return new HttpError(401, 'unauthorized', message, { 'www-authenticate': `Bearer realm="muster", error="${error}"` });
}

/**
 * API requests act as `{ platform: 'api', id: 'token:<name>' }`. The idempotency key is the caller's
 * (scoped by token, so two clients cannot collide) or a fresh one per request.
 */
export function apiContext(caller: ApiCaller, idempotencyKey: string): RequestContext {
  return {
    actor: { platform: 'api', id: `token:${caller.tokenName}`, name: caller.tokenName },
    platform: 'api',
    workspaceId: 'api',
    idempotencyKey,
  };
}
