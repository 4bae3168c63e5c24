import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { consoleUser, launchBrowser, screenshot, signIn, watchProblems, type SignedIn } from './browser-kit';
import { seedIncident, startDashboard, type DashboardServer } from './dashboard-kit';

const ana = consoleUser('ana');

/** The incident list in Chromium: keyboard use, the filter form with and without script, the phone layout. */
describe('Dashboard list (browser)', function () {
  let server: DashboardServer;
  let browser: Browser;
  let signed: SignedIn;
  const focusedLink = () => signed.page.evaluate('document.activeElement && document.activeElement.matches("a.incident-link") ? document.activeElement.textContent : null');

  before(async () => {
    server = await startDashboard('dash-list-browser');
    browser = await launchBrowser();
    await seedIncident(server, { declaredBy: ana, title: 'Checkout failing', severity: 'SEV1', services: ['checkout'] });
    await seedIncident(server, { declaredBy: ana, title: 'Search slow', services: ['search'] });
    await seedIncident(server, { declaredBy: ana, title: 'Login errors for SSO users', severity: 'SEV3', services: ['auth'] });
    signed = await signIn(browser, server, ana);
  });
  after(async () => {
    await signed?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('moves through the rows with j/k and the arrows, opens one with Enter, and jumps to search with /', async () => {
    const { page, problems } = signed;
    await page.goto('/');
    expect(await page.locator('tr[data-incident-row]').count()).to.equal(3);
    await page.keyboard.press('j');
    expect(await focusedLink()).to.equal('INC-3');
    expect(await page.locator('tr[aria-current="true"] a.incident-link').innerText()).to.equal('INC-3');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    expect(await focusedLink()).to.equal('INC-1');
    await page.keyboard.press('j');
    expect(await focusedLink(), 'stays on the last row').to.equal('INC-1');
    await page.keyboard.press('k');
    await page.keyboard.press('ArrowUp');
    expect(await focusedLink()).to.equal('INC-3');
    await page.keyboard.press('j');
    await Promise.all([page.waitForURL(/\/incidents\/INC-2$/), page.keyboard.press('Enter')]);
    await page.goBack();
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement.id')).to.equal('f-q');
    await page.keyboard.type('jk/login');
    expect(await page.locator('#f-q').inputValue(), 'keys typed into the search field stay text').to.equal('jk/login');
    expect(await focusedLink()).to.equal(null);
    await page.locator('#f-q').fill('login');
    await Promise.all([page.waitForURL(/\?q=login/), page.keyboard.press('Enter')]);
    expect(await page.locator('a.incident-link').allInnerTexts()).to.deep.equal(['INC-3']);
    expect(problems).to.deep.equal([]);
  });

  it('works with Tab alone and without any script: the filters submit as a GET form and the rows are links', async () => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false });
    try {
      await context.addCookies([{ name: 'muster_session', value: (await signedCookie()).value, url: server.url }]);
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto('/');
      await page.getByLabel('Severity').selectOption('SEV1');
      await Promise.all([page.waitForURL(/severity=SEV1/), page.getByRole('button', { name: 'Filter' }).click()]);
      expect(await page.locator('a.incident-link').allInnerTexts()).to.deep.equal(['INC-1']);
      // Tab from the Clear link reaches the first row's link.
      await page.getByRole('link', { name: 'Clear' }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.textContent')).to.equal('INC-1');
      await Promise.all([page.waitForURL(/\/incidents\/INC-1$/), page.keyboard.press('Enter')]);
      expect(problems).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('fits a 375 px wide phone (no sideways scrolling) and keeps screenshots of both sizes', async () => {
    const { page } = signed;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/?status=all');
    await screenshot(page, 'dashboard-list');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    expect(await page.evaluate('document.documentElement.scrollWidth')).to.be.at.most(375);
    expect(await page.locator('td[data-label="Title"]').first().isVisible()).to.equal(true);
    await screenshot(page, 'dashboard-list-375');
  });

  const signedCookie = async () => (await signed.context.cookies()).find((c) => c.name === 'muster_session')!;
});
