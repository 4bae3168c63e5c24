import type { Store } from '@muster/store';
import { readJsonBody } from '../http/json-body';
import type { HttpResponse } from '../http/response';
import type { RouteRequest } from '../http/router';
import type { ApiScope } from '@muster/store';
import { authenticate, requireScope, type ApiCaller } from './api-auth';
import { ApiIdempotency } from './idempotency';

export const API_PREFIX = '/api/v1';

/**
 * The two shapes of an API handler: a read (a token with `read`) and a write (a token with `write`, or
 * the scope given, a JSON body, Idempotency-Key). The scope is checked before the body is read.
 */
export function apiRouting(store: Store) {
  const idempotency = new ApiIdempotency(store);
  const withScope = (scope: ApiScope, handler: (r: RouteRequest, caller: ApiCaller) => Promise<HttpResponse>) =>
    async (r: RouteRequest) => {
      const caller = await authenticate(r.req, store.apiTokens);
      requireScope(caller, scope);
      return handler(r, caller);
    };
  const authed = (handler: (r: RouteRequest, caller: ApiCaller) => Promise<HttpResponse>) => withScope('read', handler);
  /** The body is read and checked before the key is claimed, so a malformed request never takes a key. */
  const write = <T>(read: (body: Record<string, unknown>) => T, handler: (r: RouteRequest, caller: ApiCaller, input: T, key: string) => Promise<HttpResponse>, scope: ApiScope = 'write') =>
    withScope(scope, async (r, caller) => {
      const raw = await readJsonBody(r.req);
      const input = read(raw);
      return idempotency.run(r, caller, raw, (key) => handler(r, caller, input, key));
    });
  return { authed, write, withScope };
}
