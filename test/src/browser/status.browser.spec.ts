import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { PAGE_TITLE, StatusFixture } from '../integration/status-page-support';
import { launchBrowser, screenshot, watchProblems } from './browser-kit';

const HOSTILE = 'Payments recover <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>';

/** The public status page in real Chromium: no session, no CSP violation, keyboard and phone usable. */
describe('Status page in Chromium', function () {
  this.timeout(120_000);
  let f: StatusFixture;
  let browser: Browser;

  before(async () => {
    f = await StatusFixture.start('status-browser');
    const open = await f.declare('Checkout DB failover', { severity: 'SEV2', services: ['checkout'] });
    await f.update(open, 'We are investigating failed card payments in the EU.', 'published', 'external', new Date(Date.now() - 20 * 60_000));
    await f.update(open, HOSTILE, 'approved');
    const past = await f.oldIncident(3, 'Search outage', ['search']);
    await f.update(past, 'Search was unavailable for an hour; it is back.', 'published', 'external', new Date(Date.now() - 3 * 86_400_000));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await f?.stop();
  });

  async function open(width: number): Promise<{ page: Page; problems: string[]; failed: string[]; dialogs: string[] }> {
    const context = await browser.newContext({ baseURL: f.url, viewport: { width, height: 900 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    const failed: string[] = [];
    const dialogs: string[] = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    return { page, problems, failed, dialogs };
  }

  it('renders the components, the open incident and the history without a session, a CSP violation or a failed asset', async () => {
    const { page, problems, failed, dialogs } = await open(1280);
    await page.goto('/status');
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal(PAGE_TITLE);
    expect(await page.locator('.status-components li').count()).to.equal(2);
    expect(await page.locator('.status-components li', { hasText: 'checkout' }).textContent()).to.include('Partial outage');
    expect(await page.locator('.status-components li', { hasText: 'search' }).textContent()).to.include('Operational');
    const update = page.locator('.status-update-body', { hasText: 'Payments recover' });
    expect(await update.textContent(), 'hostile markup shows as text').to.equal(HOSTILE);
    expect(await page.locator('.status-updates img, main script').count(), 'no element came from update text').to.equal(0);
    expect(await page.evaluate('window.__pwned')).to.equal(undefined);
    expect(await page.getByRole('heading', { name: 'Past 90 days' }).isVisible()).to.equal(true);
    expect(await page.locator('.status-history li').allTextContents()).to.have.length(2);
    await screenshot(page, 'status-desktop');
    expect(problems).to.deep.equal([]);
    expect(failed).to.deep.equal([]);
    expect(dialogs).to.deep.equal([]);
    await page.context().close();
  });

  it('starts with a skip link the keyboard reaches first, which moves focus to the content, with a visible focus ring', async () => {
    const { page, problems } = await open(1280);
    await page.goto('/status');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('({ text: document.activeElement.textContent, outline: getComputedStyle(document.activeElement).outlineStyle })') as { text: string; outline: string };
    expect(focused.text).to.equal('Skip to content');
    expect(focused.outline).to.not.equal('none');
    await page.keyboard.press('Enter');
    await page.waitForFunction("document.activeElement && document.activeElement.id === 'main'");
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement.closest('main') !== null"), 'the next stop is inside the content').to.equal(true);
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });

  it('fits a 375 px phone without sideways scrolling', async () => {
    const { page, problems } = await open(375);
    await page.goto('/status');
    expect(await page.evaluate('document.documentElement.scrollWidth')).to.be.at.most(375);
    await screenshot(page, 'status-phone-375');
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });

  it('refreshes itself every 30 s with what was approved meanwhile (the page clock, not a wait)', async () => {
    const { page, problems } = await open(1280);
    await page.clock.install();
    await page.goto('/status');
    await page.waitForLoadState('load');
    expect(await page.getByText('REFRESHED-TEXT').count()).to.equal(0);
    const [incident] = await f.server.store.repositories.incidents.list({ tenantId: 'default', statuses: ['triage'] });
    await f.update(incident!, 'REFRESHED-TEXT all card payments work again.', 'approved');
    await page.clock.runFor(30_000);
    await page.getByText('REFRESHED-TEXT all card payments work again.').waitFor();
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });

  it('serves a feed Chromium\'s own XML parser reads, with the hostile update as text', async () => {
    const { page } = await open(1280);
    await page.goto('/status');
    // A string, since this suite is compiled without the DOM types; it runs in the page.
    const parsed = await page.evaluate(`(async () => {
      const xml = await (await fetch('/status/feed.atom')).text();
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        title: doc.querySelector('feed > title') && doc.querySelector('feed > title').textContent,
        contents: [...doc.getElementsByTagName('content')].map((c) => c.textContent),
      };
    })()`) as { error: number; title: string; contents: string[] };
    expect(parsed.error).to.equal(0);
    expect(parsed.title).to.equal(PAGE_TITLE);
    expect(parsed.contents).to.include(HOSTILE);
    await page.context().close();
  });
});
