import type { Store } from '@muster/store';
import { readJsonBody } from '../http/json-body';
import type { HttpResponse } from '../http/response';
import type { RouteRequest } from '../http/router';
import { authenticate, type ApiCaller } from './api-auth';
import { ApiIdempotency } from './idempotency';

export const API_PREFIX = '/api/v1';

/** The two shapes of an API handler: a read (token only) and a write (token, JSON body, Idempotency-Key). */
export function apiRouting(store: Store) {
  const idempotency = new ApiIdempotency(store);
  const authed = (handler: (r: RouteRequest, caller: ApiCaller) => Promise<HttpResponse>) =>
    async (r: RouteRequest) => handler(r, await authenticate(r.req, store.apiTokens));
  /** The body is read and checked before the key is claimed, so a malformed request never takes a key. */
  const write = <T>(read: (body: Record<string, unknown>) => T, handler: (r: RouteRequest, caller: ApiCaller, input: T, key: string) => Promise<HttpResponse>) =>
    authed(async (r, caller) => {
      const raw = await readJsonBody(r.req);
      const input = read(raw);
      return idempotency.run(r, caller, raw, (key) => handler(r, caller, input, key));
    });
  return { authed, write };
}
