import { fakeHttp } from '../testing/fake-http';
import { expect } from 'chai';
import { accessTokenOf, BearerSession, expiresInOf, type IssuedToken } from './bearer-session';

describe('bearer session', () => {
  let clock = 0;
  let issued = 0;
  const issue = async (): Promise<IssuedToken> => ({ accessToken: `token-${++issued}`, expiresIn: 3600 });
  beforeEach(() => {
    clock = 1_000_000;
    issued = 0;
  });

  it('reuses the token until a minute before it expires, then fetches another', async () => {
    const http = fakeHttp({ 'GET https://api.example.com/x': { json: {} } });
    const session = new BearerSession(http, issue, () => clock);
    await session.request({ method: 'GET', url: 'https://api.example.com/x' });
    clock += 3_539_000;
    await session.request({ method: 'GET', url: 'https://api.example.com/x' });
    expect(issued).to.equal(1);
    clock += 1_000;
    await session.request({ method: 'GET', url: 'https://api.example.com/x' });
    expect(issued).to.equal(2);
    expect(http.calls.map((c) => c.headers?.authorization)).to.deep.equal(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('concurrent calls share one token request', async () => {
    const session = new BearerSession(fakeHttp({ 'GET https://api.example.com/x': { json: {} } }), issue, () => clock);
    await Promise.all([1, 2, 3].map(() => session.request({ method: 'GET', url: 'https://api.example.com/x' })));
    expect(issued).to.equal(1);
  });

  it('a failed token request is not cached: the next call asks again', async () => {
    let fail = true;
    const flaky = async (): Promise<IssuedToken> => {
      if (fail) throw new Error('token endpoint down');
      return issue();
    };
    const session = new BearerSession(fakeHttp({ 'GET https://api.example.com/x': { json: {} } }), flaky, () => clock);
    expect(await session.request({ method: 'GET', url: 'https://api.example.com/x' }).catch((e: Error) => e.message)).to.equal('token endpoint down');
    fail = false;
    await session.request({ method: 'GET', url: 'https://api.example.com/x' });
    expect(issued).to.equal(1);
  });

  it('a non-401 failure keeps the token', async () => {
    const http = fakeHttp({ 'GET https://api.example.com/x': [{ status: 500, json: {} }, { json: {} }] });
    const session = new BearerSession(http, issue, () => clock);
    await session.request({ method: 'GET', url: 'https://api.example.com/x' }).catch(() => undefined);
    await session.request({ method: 'GET', url: 'https://api.example.com/x' });
    expect(issued).to.equal(1);
    expect(http.calls).to.have.length(2);
  });

  it('reads expires_in and access tokens defensively', () => {
    expect([3599, '3599', -1, 'soon', undefined, 1e12].map(expiresInOf)).to.deep.equal([3599, 3599, 300, 300, 300, 86_400]);
    expect([undefined, '', 'a b', 'x\n', 'x'.repeat(9000), 42, 'ok.token-1'].map(accessTokenOf)).to.deep.equal([undefined, undefined, undefined, undefined, undefined, undefined, 'ok.token-1']);
  });
});
