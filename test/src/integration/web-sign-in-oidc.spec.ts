import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@muster/server';
import { FakeOidcProvider } from '../fakes/fake-oidc-provider';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';
import { CookieJar, countRows, hop, sessionCookieOf, signInDance } from './web-sign-in-support';

const PUBLIC_URL = 'http://muster.test';
const TENANT_GUID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SLACK_USER = { 'https://slack.com/user_id': 'U0ANA', 'https://slack.com/team_id': 'T0ACME', name: 'Ana Lima', email: 'ana@acme.test' };

/**
 * Sign in with Slack and with Microsoft Entra ID through fake providers of each vendor's wire format,
 * against a real server: the redirect dance, who is admitted, and every way the answer can be wrong.
 */
describe('web sign-in: OpenID Connect (Slack, Entra ID)', function () {
  let dir: string;
  let slack: FakeOidcProvider;
  let entra: FakeOidcProvider;
  let server: InProcessServer;

  before(async () => {
    dir = tempDir('web-oidc');
    writeFileSync(join(dir, 'muster.yaml'), `tenants:\n  acme:\n    slack: [T0ACME]\n    teams: [${TENANT_GUID}]\n`);
    slack = await FakeOidcProvider.start({ kind: 'slack', clientId: '1234.5678', clientSecret: 'slack-oidc-secret' });
    entra = await FakeOidcProvider.start({ kind: 'entra', clientId: 'entra-app', clientSecret: 'entra-oidc-secret', tenantId: TENANT_GUID });
    server = await startInProcess(dir, {
      MUSTER_PUBLIC_URL: PUBLIC_URL,
      MUSTER_SLACK_CLIENT_ID: '1234.5678', MUSTER_SLACK_CLIENT_SECRET: 'slack-oidc-secret', SLACK_OIDC_ISSUER: slack.issuer,
      MUSTER_ENTRA_CLIENT_ID: 'entra-app', MUSTER_ENTRA_CLIENT_SECRET: 'entra-oidc-secret', MICROSOFT_LOGIN_URL: entra.loginUrl,
    });
  });
  after(async () => {
    await server?.stop();
    await slack?.close();
    await entra?.close();
    removeDir(dir);
  });
  beforeEach(() => {
    slack.user = { ...SLACK_USER };
    slack.deny = false;
    slack.tamper = 'none';
    entra.user = { oid: '00000000-0000-0000-0000-0000000000aa', tid: TENANT_GUID, name: 'Bo Chen', preferred_username: 'bo@acme.test' };
  });

  it('offers a button for each configured provider on /login, keeping where to go after', async () => {
    const page = await call(`${server.url}/login?next=${encodeURIComponent('/incidents/7')}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('href="/login/slack?next=%2Fincidents%2F7"').and.to.contain('Sign in with Slack');
    expect(page.text).to.contain('href="/login/entra?next=%2Fincidents%2F7"').and.to.contain('Sign in with Microsoft');
  });

  it('signs in with Slack: code flow with PKCE, state and nonce; the session is the Slack person of their tenant', async () => {
    const jar = new CookieJar();
    const dance = await signInDance(server, 'slack', jar, '/incidents/7');
    const asked = slack.authorizeRequests.at(-1)!;
    expect(asked.get('redirect_uri')).to.equal(`${PUBLIC_URL}/login/slack/callback`);
    expect(asked.get('scope')).to.equal('openid profile email');
    expect(asked.get('code_challenge_method')).to.equal('S256');
    expect(asked.get('state')).to.have.length.greaterThan(20);
    expect(asked.get('nonce')).to.have.length.greaterThan(20);
    const attempt = dance.start.setCookies.find((c) => c.startsWith('muster_oidc='))!;
    expect(attempt).to.match(/HttpOnly/).and.to.match(/SameSite=Lax/).and.to.match(/Max-Age=600/);
    expect(dance.callback.status).to.equal(303);
    expect(dance.callback.location).to.equal('/incidents/7');
    const cookie = sessionCookieOf(dance.callback)!;
    expect(cookie).to.match(/HttpOnly/).and.to.match(/SameSite=Lax/).and.to.match(/Path=\//);
    const session = await server.store.webSessions.findSession(jar.get('muster_session')!);
    expect(session).to.deep.include({ workspaceId: 'T0ACME', tenantId: 'acme', method: 'slack' });
    expect(session!.person).to.deep.equal({ platform: 'slack', id: 'U0ANA', name: 'Ana Lima' });
    const account = await hop(`${server.url}/account`, jar);
    expect(account.status).to.equal(200);
    expect(account.text).to.contain('Ana Lima').and.to.contain('slack:U0ANA');
  });

  it('signs in with Entra ID: the person is the Teams object id (oid) in their tenant (tid)', async () => {
    const jar = new CookieJar();
    const dance = await signInDance(server, 'entra', jar);
    expect(entra.authorizeRequests.at(-1)!.get('redirect_uri')).to.equal(`${PUBLIC_URL}/login/entra/callback`);
    expect(dance.callback.status).to.equal(303);
    expect(dance.callback.location).to.equal('/');
    const session = await server.store.webSessions.findSession(jar.get('muster_session')!);
    expect(session).to.deep.include({ workspaceId: TENANT_GUID, tenantId: 'acme', method: 'entra' });
    expect(session!.person).to.deep.equal({ platform: 'teams', id: '00000000-0000-0000-0000-0000000000aa', name: 'Bo Chen' });
  });

  it('takes the Entra tenant id whatever its letter case, and refuses a token of another tenant', async () => {
    entra.user = { oid: 'oid-upper', tid: TENANT_GUID.toUpperCase(), name: 'Cy' };
    const jar = new CookieJar();
    expect((await signInDance(server, 'entra', jar)).callback.status).to.equal(303);
    expect(await server.store.webSessions.findSession(jar.get('muster_session')!)).to.deep.include({ workspaceId: TENANT_GUID, tenantId: 'acme' });
    entra.user = { oid: 'oid-other', tid: '11111111-2222-3333-4444-555555555555', name: 'Eve' };
    const other = await signInDance(server, 'entra');
    expect(other.callback.status).to.equal(403);
    expect(sessionCookieOf(other.callback)).to.equal(undefined);
  });

  it('refuses a Slack person of a workspace Muster does not serve: a page that says so, no session', async () => {
    slack.user = { ...SLACK_USER, 'https://slack.com/team_id': 'T0OTHER' };
    const before = await countRows(server, 'web_sessions');
    const dance = await signInDance(server, 'slack');
    expect(dance.callback.status).to.equal(403);
    expect(dance.callback.text).to.contain('Your Slack workspace (T0OTHER) is not one this Muster serves');
    expect(sessionCookieOf(dance.callback)).to.equal(undefined);
    expect(await countRows(server, 'web_sessions')).to.equal(before);
  });

  it('shows a hostile workspace id or name only as text', async () => {
    slack.user = { ...SLACK_USER, 'https://slack.com/team_id': '<img src=x onerror=alert(1)>', name: '<script>alert(1)</script>' };
    const dance = await signInDance(server, 'slack');
    expect(dance.callback.status).to.equal(403);
    expect(dance.callback.text).to.not.contain('<img src=x').and.to.contain('&lt;img src=x onerror=alert(1)&gt;');
    expect(dance.callback.text).to.not.contain('<script>alert');

    slack.user = { ...SLACK_USER, name: '<script>alert(1)</script><img src=x onerror=alert(2)>' };
    const jar = new CookieJar();
    expect((await signInDance(server, 'slack', jar)).callback.status).to.equal(303);
    const account = await hop(`${server.url}/account`, jar);
    expect(account.text).to.contain('&lt;script').and.to.contain('alert(1)').and.to.not.contain('<script>alert').and.to.not.contain('<img src=x');
  });

  it('says the sign-in was cancelled when the person declines at the provider (error=access_denied), and signs nobody in', async () => {
    slack.deny = true;
    const before = await countRows(server, 'web_sessions');
    const dance = await signInDance(server, 'slack');
    expect(dance.callback.status).to.equal(403);
    expect(dance.callback.text).to.contain('Sign-in was cancelled at Slack');
    expect(sessionCookieOf(dance.callback)).to.equal(undefined);
    expect(await countRows(server, 'web_sessions')).to.equal(before);
  });

  it('refuses a callback this browser did not start (no attempt cookie) or whose state does not match', async () => {
    const dance = await signInDance(server, 'slack');
    const fresh = await hop(dance.callbackUrl);
    expect(fresh.status).to.equal(400);
    expect(fresh.text).to.contain('This sign-in was not started in this browser');
    expect(sessionCookieOf(fresh)).to.equal(undefined);

    const jar = new CookieJar();
    const start = await hop(`${server.url}/login/slack`, jar);
    const back = new URL((await hop(start.location!)).location!);
    back.searchParams.set('state', 'forged-state-value-1234567890');
    const forged = await hop(`${server.url}${back.pathname}${back.search}`, jar);
    expect(forged.status).to.equal(400);
    expect(forged.text).to.contain('This sign-in was not started in this browser');
    expect(jar.get('muster_session')).to.equal(undefined);
    // The untouched code was never exchanged: a forged state stops before the token endpoint.
    expect(slack.exchanged).to.be.lessThan(slack.authorizeRequests.length);
  });

  it('refuses a replayed code with a clear page (the provider takes each code once)', async () => {
    const jar = new CookieJar();
    const first = await signInDance(server, 'slack', jar);
    expect(first.callback.status).to.equal(303);
    const again = await hop(first.callbackUrl, jar);
    expect(again.status).to.equal(400);
    expect(again.text).to.contain('This sign-in answer was already used or has expired');
    expect(sessionCookieOf(again)).to.equal(undefined);
    expect(again.text).to.not.contain(new URL(first.callbackUrl).searchParams.get('code')!);
  });

  for (const tamper of ['nonce', 'audience', 'issuer', 'expired', 'signature', 'unsigned'] as const) {
    it(`refuses an id_token with a wrong ${tamper} and signs nobody in`, async () => {
      slack.tamper = tamper;
      const before = await countRows(server, 'web_sessions');
      const dance = await signInDance(server, 'slack');
      expect(dance.callback.status).to.equal(400);
      expect(dance.callback.text).to.contain('could not be checked');
      expect(sessionCookieOf(dance.callback)).to.equal(undefined);
      expect(await countRows(server, 'web_sessions')).to.equal(before);
    });
  }

  it('refuses an id_token without the person claims Muster needs', async () => {
    slack.user = { name: 'No Ids' };
    const dance = await signInDance(server, 'slack');
    expect(dance.callback.status).to.equal(403);
    expect(dance.callback.text).to.contain('did not say who you are');
  });

  it('never sends the browser off-site after sign-in (next=https://…, //…, /\\…)', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const dance = await signInDance(server, 'slack', new CookieJar(), next);
      expect(dance.callback.location, next).to.equal('/');
    }
  });

  it('answers an unknown provider with a 404 page', async () => {
    const unknown = await hop(`${server.url}/login/github`);
    expect(unknown.status).to.equal(404);
    expect(unknown.text).to.contain('There is no such way to sign in here');
  });

  it('keeps the client secrets out of every page and the log', async () => {
    const page = await call(`${server.url}/login`);
    const { readFileSync } = await import('node:fs');
    const log = readFileSync(join(dir, 'test-server.log'), 'utf8');
    for (const secret of ['slack-oidc-secret', 'entra-oidc-secret']) {
      expect(page.text).to.not.contain(secret);
      expect(log).to.not.contain(secret);
    }
  });
});

describe('web sign-in: which Slack workspaces are served without tenants:', function () {
  let dir: string;
  let oidc: FakeOidcProvider;
  let slackApi: FakeSlackApi;
  let server: InProcessServer;

  before(async () => {
    dir = tempDir('web-oidc-bot');
    oidc = await FakeOidcProvider.start({ kind: 'slack', clientId: '1234.5678', clientSecret: 'slack-oidc-secret' });
    slackApi = await FakeSlackApi.start();
    server = await startInProcess(dir, {
      SLACK_BOT_TOKEN: slackApi.botToken, SLACK_API_URL: slackApi.url,
      MUSTER_PUBLIC_URL: PUBLIC_URL, MUSTER_SLACK_CLIENT_ID: '1234.5678', MUSTER_SLACK_CLIENT_SECRET: 'slack-oidc-secret', SLACK_OIDC_ISSUER: oidc.issuer,
    });
  });
  after(async () => {
    await server?.stop();
    await slackApi?.close();
    await oidc?.close();
    removeDir(dir);
  });

  it('admits people of the bot token\'s own team (auth.test), in the default tenant', async () => {
    oidc.user = { ...SLACK_USER, 'https://slack.com/team_id': slackApi.teamId };
    const jar = new CookieJar();
    const dance = await signInDance(server, 'slack', jar);
    expect(dance.callback.status).to.equal(303);
    const session = await server.store.webSessions.findSession(jar.get('muster_session')!);
    expect(session).to.deep.include({ workspaceId: slackApi.teamId, tenantId: 'default' });
  });

  it('admits a team with a stored chat installation, and refuses every other team', async () => {
    oidc.user = { ...SLACK_USER, 'https://slack.com/team_id': 'T0INSTALLED' };
    const refused = await signInDance(server, 'slack');
    expect(refused.callback.status).to.equal(403);
    await server.store.installations.save({ platform: 'slack', workspaceId: 'T0INSTALLED', payload: 'sealed', installedAt: new Date() });
    const admitted = await signInDance(server, 'slack');
    expect(admitted.callback.status).to.equal(303);
    await server.store.installations.markUninstalled('slack', 'T0INSTALLED');
    const uninstalled = await signInDance(server, 'slack');
    expect(uninstalled.callback.status, 'a team that uninstalled the app is no longer served').to.equal(403);
  });
});

describe('web sign-in: a provider that cannot be reached', function () {
  let dir: string;
  let server: InProcessServer;
  before(async () => {
    dir = tempDir('web-oidc-down');
    writeFileSync(join(dir, 'muster.yaml'), 'tenants:\n  acme:\n    slack: [T0ACME]\n');
    // Port 9 (discard) on 127.0.0.1: nothing listens, the connection is refused at once.
    server = await startInProcess(dir, { MUSTER_PUBLIC_URL: PUBLIC_URL, MUSTER_SLACK_CLIENT_ID: 'a.b', MUSTER_SLACK_CLIENT_SECRET: 'down-secret', SLACK_OIDC_ISSUER: 'http://127.0.0.1:9' });
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('answers a clear 502 page (not a stack trace) and sends the browser nowhere', async () => {
    const start = await hop(`${server.url}/login/slack`);
    expect(start.status).to.equal(502);
    expect(start.location).to.equal(undefined);
    expect(start.text).to.contain('Slack is not available right now').and.to.contain('muster login-link');
    expect(start.text).to.not.match(/\n\s+at |ECONNREFUSED|down-secret/);
  });
});

describe('web sign-in: OpenID Connect configuration', () => {
  const load = (env: Record<string, string>, yaml?: string) => {
    const dir = tempDir('web-oidc-config');
    try {
      if (yaml) writeFileSync(join(dir, 'muster.yaml'), yaml);
      return loadConfig({ env, cwd: dir, interactive: false });
    } finally {
      removeDir(dir);
    }
  };

  it('refuses to start a provider without MUSTER_PUBLIC_URL, saying what to set', () => {
    expect(() => load({ MUSTER_SLACK_CLIENT_ID: 'a', MUSTER_SLACK_CLIENT_SECRET: 'b' })).to.throw(/MUSTER_PUBLIC_URL is missing: Sign in with Slack/);
  });

  it('refuses a client id without its secret, and Entra sign-in without a tenant to serve', () => {
    expect(() => load({ MUSTER_PUBLIC_URL: PUBLIC_URL, MUSTER_SLACK_CLIENT_ID: 'a' })).to.throw(/MUSTER_SLACK_CLIENT_SECRET is missing/);
    expect(() => load({ MUSTER_PUBLIC_URL: PUBLIC_URL, MUSTER_ENTRA_CLIENT_ID: 'a', MUSTER_ENTRA_CLIENT_SECRET: 'b' })).to.throw(/no Microsoft tenant is served/);
  });

  it('reads the providers, with Slack\'s issuer defaulting to https://slack.com', () => {
    const config = load({ MUSTER_PUBLIC_URL: PUBLIC_URL, MUSTER_SLACK_CLIENT_ID: 'a', MUSTER_SLACK_CLIENT_SECRET: 'b', MUSTER_ENTRA_CLIENT_ID: 'c', MUSTER_ENTRA_CLIENT_SECRET: 'd', MICROSOFT_APP_TENANT_ID: TENANT_GUID });
    expect(config.signIn).to.deep.equal({ slack: { clientId: 'a', clientSecret: 'b', issuer: 'https://slack.com' }, entra: { clientId: 'c', clientSecret: 'd' } });
  });
});
