import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';
import { CookieJar, countRows, hop, sessionCookieOf } from './web-sign-in-support';

const ANA = { person: { platform: 'console' as const, id: 'you', name: 'You' }, workspaceId: 'local', tenantId: 'default' };

/** One-time sign-in links over HTTP: one use, only by pressing Continue on the page, never echoed or logged. */
describe('web sign-in: one-time links', function () {
  let dir: string;
  let server: InProcessServer;
  const seen: string[] = [];

  const newLink = async (ttlMs?: number): Promise<string> => {
    const { token } = await server.store.webSessions.createSignInLink(ANA, ttlMs);
    seen.push(token);
    return token;
  };
  const press = (token: string, jar?: CookieJar, headers: Record<string, string> = { origin: server.url }, query = '') =>
    hop(`${server.url}/login/link/${token}${query}`, jar, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: '' });

  before(async () => {
    dir = tempDir('web-links');
    server = await startInProcess(dir);
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('opening the link only shows a Continue button; pressing it signs in once (HttpOnly, SameSite session cookie)', async () => {
    const token = await newLink();
    for (let i = 0; i < 2; i++) {
      const page = await hop(`${server.url}/login/link/${token}`);
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('<button type="submit">Continue</button>');
      expect(page.text, 'the page does not repeat its token').to.not.contain(token);
      expect(page.setCookies).to.deep.equal([]);
    }
    const jar = new CookieJar();
    const pressed = await press(token, jar, { origin: server.url }, `?next=${encodeURIComponent('/incidents/3')}`);
    expect(pressed.status).to.equal(303);
    expect(pressed.location).to.equal('/incidents/3');
    expect(sessionCookieOf(pressed)).to.match(/^muster_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const session = await server.store.webSessions.findSession(jar.get('muster_session')!);
    expect(session).to.deep.include({ workspaceId: 'local', tenantId: 'default', method: 'link' });

    const again = await press(token, new CookieJar());
    expect(again.status).to.equal(401);
    expect(again.text).to.contain('This sign-in link was already used or has expired');
    expect(again.text).to.not.contain(token);
    expect(sessionCookieOf(again)).to.equal(undefined);
  });

  it('signing in again in the same browser ends its previous session', async () => {
    const jar = new CookieJar();
    expect((await press(await newLink(), jar)).status).to.equal(303);
    const first = jar.get('muster_session')!;
    expect((await press(await newLink(), jar)).status).to.equal(303);
    expect(jar.get('muster_session')).to.not.equal(first);
    expect(await server.store.webSessions.findSession(first)).to.equal(undefined);
    expect(await server.store.webSessions.findSession(jar.get('muster_session')!)).to.not.equal(undefined);
  });

  it('sends no link in a Referer from the link page (origin only) and keeps it out of caches', async () => {
    const token = await newLink();
    const response = await fetch(`${server.url}/login/link/${token}`);
    expect(response.headers.get('referrer-policy')).to.equal('strict-origin');
    expect(response.headers.get('cache-control')).to.equal('no-store');
  });

  it('refuses a redemption from another site, or with neither Origin nor Referer, and the link still works after', async () => {
    const token = await newLink();
    const before = await countRows(server, 'web_sessions');
    const cross = await press(token, new CookieJar(), { origin: 'https://evil.example' });
    expect(cross.status).to.equal(403);
    expect(cross.text).to.contain('Open the sign-in link in this browser and press Continue there.');
    const bare = await press(token, new CookieJar(), {});
    expect(bare.status).to.equal(403);
    expect(await countRows(server, 'web_sessions')).to.equal(before);
    const ours = await press(token, new CookieJar());
    expect(ours.status).to.equal(303);
  });

  it('refuses an expired link', async () => {
    const token = await newLink(-1000);
    const pressed = await press(token, new CookieJar());
    expect(pressed.status).to.equal(401);
    expect(sessionCookieOf(pressed)).to.equal(undefined);
  });

  it('answers a malformed, huge or hostile token with a page, never a 5xx, and never shows it', async () => {
    for (const token of [encodeURIComponent('<script>alert(1)</script>'), encodeURIComponent('<img src=x onerror=alert(1)>'), 'x'.repeat(5000), '..%2F..%2Fetc']) {
      const page = await hop(`${server.url}/login/link/${token}`);
      expect(page.status, token.slice(0, 30)).to.be.oneOf([200, 404, 414]);
      expect(page.text).to.not.contain('<script>alert').and.to.not.contain('<img src=x');
      const pressed = await press(token, new CookieJar());
      expect(pressed.status, token.slice(0, 30)).to.be.oneOf([401, 404, 414]);
      expect(pressed.text).to.not.contain('<script>alert').and.to.not.contain('<img src=x');
    }
  });

  it('never sends the browser off-site after a link (next=https://…, //…, /\\…)', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const pressed = await press(await newLink(), new CookieJar(), { origin: server.url }, `?next=${encodeURIComponent(next)}`);
      expect(pressed.location, next).to.equal('/');
    }
  });

  it('writes no link token into the log', () => {
    const log = readFileSync(join(dir, 'test-server.log'), 'utf8');
    expect(seen.length).to.be.greaterThan(5);
    for (const token of seen) expect(log).to.not.contain(token);
  });

  it('makes no link or session for a page view of /login', async () => {
    const links = await countRows(server, 'web_sign_in_links');
    const sessions = await countRows(server, 'web_sessions');
    const page = await call(`${server.url}/login`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('muster login-link');
    expect(await countRows(server, 'web_sign_in_links')).to.equal(links);
    expect(await countRows(server, 'web_sessions')).to.equal(sessions);
  });
});

/** Behind https (MUSTER_PUBLIC_URL), the cookies are Secure with the `__Host-` prefix, so no subdomain can set or shadow them. */
describe('web sign-in: cookies behind https', function () {
  let dir: string;
  let server: InProcessServer;
  before(async () => {
    dir = tempDir('web-links-https');
    server = await startInProcess(dir, { MUSTER_PUBLIC_URL: 'https://muster.example.com' });
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('sets __Host-muster_session; Secure, reads only that name, and takes changes from the public origin', async () => {
    const { token } = await server.store.webSessions.createSignInLink(ANA);
    const pressed = await hop(`${server.url}/login/link/${token}`, undefined, { method: 'POST', headers: { origin: 'https://muster.example.com', 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(pressed.status).to.equal(303);
    expect(pressed.setCookies[0]).to.match(/^__Host-muster_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    const value = pressed.setCookies[0]!.split(';')[0]!.split('=')[1]!;
    expect((await hop(`${server.url}/account`, undefined, { headers: { cookie: `__Host-muster_session=${value}` } })).status).to.equal(200);
    const plainName = await hop(`${server.url}/account`, undefined, { headers: { cookie: `muster_session=${value}` } });
    expect(plainName.status, 'the unprefixed name (settable by a subdomain) counts for nothing').to.equal(303);
  });
});
