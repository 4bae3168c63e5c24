import { expect } from 'chai';
import { call, createMariaDbDatabase, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';
import { CookieJar, hop } from './web-sign-in-support';

const ANA = { person: { platform: 'console' as const, id: 'you', name: 'You' }, workspaceId: 'local', tenantId: 'default' };

/**
 * Browser sessions on two instances sharing one MariaDB: expiry and sign-out hold everywhere at once,
 * every change needs the CSRF token from a same-origin page, and browser sessions and API tokens never
 * stand in for each other.
 */
describe('web sign-in: sessions, sign-out and CSRF (two instances, MariaDB)', function () {
  let dirA: string;
  let dirB: string;
  let database: { name: string; drop(): Promise<void> };
  let a: InProcessServer;
  let b: InProcessServer;

  before(async () => {
    database = await createMariaDbDatabase();
    const env = { MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:3306/${database.name}`, MUSTER_AUTO_MIGRATE: 'true' };
    dirA = tempDir('web-sessions-a');
    dirB = tempDir('web-sessions-b');
    a = await startInProcess(dirA, env);
    b = await startInProcess(dirB, env);
  });
  after(async () => {
    await a?.stop();
    await b?.stop();
    await database?.drop();
    removeDir(dirA);
    removeDir(dirB);
  });

  const signedIn = async (ttlMs?: number): Promise<CookieJar> => {
    const { token } = await a.store.webSessions.createSession(ANA, 'link', ttlMs);
    const jar = new CookieJar();
    jar.take([`muster_session=${token}`]);
    return jar;
  };
  const csrfOf = async (server: InProcessServer, jar: CookieJar): Promise<string> => {
    const page = await hop(`${server.url}/account`, jar);
    expect(page.status).to.equal(200);
    const match = /<meta name="csrf-token" content="([^"]+)"/.exec(page.text);
    return match![1];
  };
  const logout = (server: InProcessServer, jar: CookieJar | undefined, body: string, headers: Record<string, string> = { origin: server.url }) =>
    hop(`${server.url}/logout`, jar, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  const stillSignedIn = async (server: InProcessServer, jar: CookieJar) => (await hop(`${server.url}/account`, jar)).status === 200;

  it('a session made on one instance is recognised on the other', async () => {
    const jar = await signedIn();
    expect(await stillSignedIn(a, jar)).to.equal(true);
    expect(await stillSignedIn(b, jar)).to.equal(true);
  });

  it('sends an expired session, or none, to /login and back after', async () => {
    const expired = await signedIn(-1000);
    const page = await hop(`${b.url}/account?tab=1`, expired);
    expect(page.status).to.equal(303);
    expect(page.location).to.equal(`/login?next=${encodeURIComponent('/account?tab=1')}`);
    const none = await hop(`${b.url}/account`);
    expect(none.location).to.equal('/login?next=%2Faccount');
  });

  it('signs out on every instance at once, and clears the cookie', async () => {
    const jar = await signedIn();
    const stale = jar.header();
    const out = await logout(a, jar, `_csrf=${encodeURIComponent(await csrfOf(a, jar))}`);
    expect(out.status).to.equal(303);
    expect(out.location).to.equal('/login');
    expect(out.setCookies[0]).to.match(/^muster_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    // The browser drops the cookie; someone who kept a copy of it gets nothing on either instance.
    for (const server of [a, b]) {
      const page = await hop(`${server.url}/account`, undefined, { headers: { cookie: stale } });
      expect(page.status).to.equal(303);
      expect(page.location).to.match(/^\/login\?next=/);
    }
  });

  it('refuses a change without the CSRF token, with a wrong one, with another session\'s, or from another origin, and changes nothing', async () => {
    const jar = await signedIn();
    const other = await signedIn();
    const token = await csrfOf(b, jar);
    const attempts: [string, string, Record<string, string>][] = [
      ['no token', '', { origin: b.url }],
      ['a wrong token', '_csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { origin: b.url }],
      ['another session\'s token', `_csrf=${encodeURIComponent(await csrfOf(b, other))}`, { origin: b.url }],
      ['another origin', `_csrf=${encodeURIComponent(token)}`, { origin: 'https://evil.example' }],
      ['a look-alike origin', `_csrf=${encodeURIComponent(token)}`, { origin: `${b.url}.evil.example` }],
      ['neither Origin nor Referer', `_csrf=${encodeURIComponent(token)}`, {}],
      ['a null origin (sandboxed frame)', `_csrf=${encodeURIComponent(token)}`, { origin: 'null' }],
    ];
    for (const [what, body, headers] of attempts) {
      const refused = await logout(b, jar, body, headers);
      expect(refused.status, what).to.equal(403);
      expect(refused.setCookies, what).to.deep.equal([]);
      expect(await stillSignedIn(a, jar), what).to.equal(true);
    }
    const header = await hop(`${b.url}/logout`, jar, { method: 'POST', headers: { origin: b.url, 'x-csrf-token': token, 'content-type': 'application/json' }, body: '{}' });
    expect(header.status, 'the X-CSRF-Token header works like the form field').to.equal(303);
  });

  it('an API token (Authorization: Bearer mst_…) is no browser session for pages or changes', async () => {
    const page = await hop(`${a.url}/account`, undefined, { headers: { authorization: `Bearer ${a.token}` } });
    expect(page.status).to.equal(303);
    expect(page.location).to.match(/^\/login/);
    const change = await hop(`${a.url}/logout`, undefined, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, origin: a.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(change.status).to.equal(401);
  });

  it('a browser session is no API token: /api/v1 still demands a Bearer token', async () => {
    const jar = await signedIn();
    const listed = await call(`${a.url}/api/v1/incidents`, { headers: { cookie: jar.header() } });
    expect(listed.status).to.equal(401);
    const declared = await call(`${a.url}/api/v1/incidents`, { headers: { cookie: jar.header(), origin: a.url }, json: { title: 'from a cookie' } });
    expect(declared.status).to.equal(401);
    const withToken = await call(`${a.url}/api/v1/incidents`, { token: a.token });
    expect(withToken.status).to.equal(200);
    expect(JSON.stringify(withToken.body)).to.not.contain('from a cookie');
  });

  it('answers a malformed or huge session cookie as no session', async () => {
    for (const cookie of ['muster_session=<script>', `muster_session=${'a'.repeat(8000)}`, 'muster_session=', 'muster_session']) {
      const page = await hop(`${a.url}/account`, undefined, { headers: { cookie } });
      expect(page.status, cookie.slice(0, 30)).to.be.oneOf([303, 431]);
    }
  });
});
