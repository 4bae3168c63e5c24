import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { FakeOidcProvider } from '../fakes/fake-oidc-provider';
import { removeDir, startInProcess, tempDir, type InProcessServer } from '../integration/server-support';
import { consoleUser, launchBrowser, screenshot, signIn, watchProblems } from './browser-kit';

/** A free port, so MUSTER_PUBLIC_URL (the redirect URI's base) can be the address Chromium uses. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** Signing in as a person does it, in real Chromium: Sign in with (fake) Slack, and a one-time link. */
describe('sign-in in Chromium', function () {
  this.timeout(120_000);
  let dir: string;
  let slack: FakeOidcProvider;
  let server: InProcessServer;
  let browser: Browser;

  before(async () => {
    dir = tempDir('browser-sign-in');
    writeFileSync(join(dir, 'muster.yaml'), 'tenants:\n  acme: { slack: [T0ACME] }\n');
    slack = await FakeOidcProvider.start({ kind: 'slack', clientId: '1234.5678', clientSecret: 'browser-oidc-secret' });
    slack.user = { 'https://slack.com/user_id': 'U0ANA', 'https://slack.com/team_id': 'T0ACME', name: 'Ana Lima' };
    const port = await freePort();
    server = await startInProcess(dir, {
      MUSTER_PORT: String(port), MUSTER_PUBLIC_URL: `http://127.0.0.1:${port}`,
      MUSTER_SLACK_CLIENT_ID: '1234.5678', MUSTER_SLACK_CLIENT_SECRET: 'browser-oidc-secret', SLACK_OIDC_ISSUER: slack.issuer,
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await slack?.close();
    removeDir(dir);
  });

  it('signs in with Slack through the real redirect dance, by keyboard, and lands where it was going', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 375, height: 740 } });
    try {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto('/account');
      await page.waitForURL((u) => u.pathname === '/login');
      const button = page.getByRole('link', { name: 'Sign in with Slack' });
      await button.focus();
      await screenshot(page, 'sign-in-page-phone');
      await Promise.all([page.waitForURL((u) => u.pathname === '/account'), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { name: 'Your session' }).waitFor();
      expect(await page.locator('main').innerText()).to.contain('Ana Lima').and.to.contain('slack:U0ANA').and.to.contain('Sign in with Slack');
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === 'muster_session')!;
      expect(session).to.deep.include({ httpOnly: true, sameSite: 'Lax' });
      expect(await page.evaluate<string>('document.cookie'), 'no script can read the session').to.not.contain('muster_session');
      expect(problems).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('signs in with a one-time link, signs out with the button, and is then sent to /login', async () => {
    const { context, page, problems } = await signIn(browser, server, consoleUser());
    try {
      await page.goto('/account');
      expect(await page.locator('main').innerText()).to.contain('console:you').and.to.contain('a one-time sign-in link');
      await screenshot(page, 'sign-in-account');
      await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByRole('button', { name: 'Sign out' }).click()]);
      await page.goto('/account');
      await page.waitForURL((u) => u.pathname === '/login');
      expect(await context.cookies()).to.satisfy((all: { name: string }[]) => !all.some((c) => c.name === 'muster_session'));
      expect(problems).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('shows the sign-in page on a desktop', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto('/login');
      expect(await page.getByRole('link', { name: 'Sign in with Slack' }).isVisible()).to.equal(true);
      await screenshot(page, 'sign-in-page');
    } finally {
      await context.close();
    }
  });
});
