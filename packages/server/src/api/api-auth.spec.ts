import type { IncomingMessage } from 'node:http';
import { expect } from 'chai';
import { createStore, type Store } from '@muster/store';
import { HttpError } from '../http/http-error';
import { apiContext, authenticate, requireScope } from './api-auth';

const request = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

async function refusal(work: Promise<unknown>): Promise<HttpError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).to.be.instanceOf(HttpError);
  return error as HttpError;
}

describe('API authentication (real tokens in an in-memory store)', () => {
  let store: Store;
  beforeEach(async () => { store = await createStore('sqlite::memory:'); });
  afterEach(() => store.close());

  it('names the caller by token id, token name and tenant, and acts in that tenant as token:<id>', async () => {
    const { token, record } = await store.apiTokens.create('ci', { tenantId: 'acme' });
    const caller = await authenticate(request(`Bearer ${token}`), store.apiTokens);
    expect(caller).to.deep.equal({ tokenId: record.id, tokenName: 'ci', tenantId: 'acme', scopes: ['read', 'write'] });
    expect(apiContext(caller, 'api:key-1')).to.deep.equal({
      actor: { platform: 'api', id: `token:${record.id}`, name: 'ci' }, platform: 'api', workspaceId: 'acme', idempotencyKey: 'api:key-1',
    });
  });

  it('carries the token\'s scopes and refuses a missing one with 403 insufficient_scope, naming the scope', async () => {
    const { token } = await store.apiTokens.create('catalogue-bot', { scopes: ['admin', 'read'] });
    const caller = await authenticate(request(`Bearer ${token}`), store.apiTokens);
    expect(caller.scopes).to.deep.equal(['read', 'admin']);
    expect(() => requireScope(caller, 'admin')).to.not.throw();
    const refused = (() => { try { requireScope(caller, 'write'); } catch (e) { return e as HttpError; } return undefined; })();
    expect(refused?.status).to.equal(403);
    expect(refused?.code).to.equal('insufficient_scope');
    expect(refused?.headers['www-authenticate']).to.equal('Bearer realm="muster", error="insufficient_scope", scope="write"');
    expect(refused?.message).to.include('--scope read,admin,write');
    const bad = await store.apiTokens.create('x', { scopes: ['root' as 'admin'] }).then(() => undefined, (e: unknown) => e as Error);
    expect(bad?.message).to.match(/one or more of read, write, admin/);
  });

  it('keeps two tenants\' tokens of the same name apart', async () => {
    const a = await store.apiTokens.create('ci');
    const b = await store.apiTokens.create('ci', { tenantId: 'acme' });
    const [ca, cb] = [apiContext(await authenticate(request(`Bearer ${a.token}`), store.apiTokens), 'k'), apiContext(await authenticate(request(`Bearer ${b.token}`), store.apiTokens), 'k')];
    expect(ca.actor.id).to.not.equal(cb.actor.id);
    expect([ca.workspaceId, cb.workspaceId]).to.deep.equal(['default', 'acme']);
  });

  it('refuses a revoked token at the next request with 401, without saying which part was wrong', async () => {
    const { token, record } = await store.apiTokens.create('ci');
    await authenticate(request(`Bearer ${token}`), store.apiTokens);
    await store.apiTokens.revoke(record.id);
    const refused = await refusal(authenticate(request(`Bearer ${token}`), store.apiTokens));
    expect(refused.status).to.equal(401);
    expect(refused.headers['www-authenticate']).to.include('error="invalid_token"');
    expect(refused.message).to.not.include(token).and.not.include(record.id);
    expect((await refusal(authenticate(request(), store.apiTokens))).status).to.equal(401);
    expect((await refusal(authenticate(request(`Basic ${token}`), store.apiTokens))).status).to.equal(401);
  });
});
