import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { alice, eve, seedMetrics, SettableClock, startMetricsServer } from '../integration/metrics-seed';
import { removeDir, tempDir, type InProcessServer } from '../integration/server-support';
import { launchBrowser, screenshot, signIn, watchProblems } from './browser-kit';

/** How many pixels of a canvas are not transparent: a drawn chart has many, an undrawn canvas none. */
// (Page code is given as text: this package is compiled without the DOM's types.)
const inkOf = (page: Page, id: string): Promise<number> => page.evaluate(`(() => {
  const canvas = document.getElementById(${JSON.stringify(id)});
  if (!canvas || !canvas.width || !canvas.height) return 0;
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) ink += 1;
  return ink;
})()`);

const rowText = (page: Page, table: string, row: string) => page.locator(`#${table} tr`, { has: page.locator('th', { hasText: row }) }).innerText();

describe('browser: the metrics page in Chromium', function () {
  this.timeout(120_000);
  let dir: string;
  let server: InProcessServer;
  let browser: Browser;
  const clock = new SettableClock();

  before(async () => {
    dir = tempDir('metrics-browser');
    server = await startMetricsServer(dir, clock);
    await seedMetrics(server, clock);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    removeDir(dir);
  });

  it('draws the charts, shows the durations in tables, downloads a CSV, and breaks no CSP rule', async () => {
    const { page, problems, context } = await signIn(browser, server, alice);
    await page.goto('/metrics/incidents');
    expect(await page.getByRole('link', { name: 'Metrics' }).getAttribute('aria-current')).to.equal('page');
    expect(await page.getByRole('link', { name: 'Metrics' }).getAttribute('href')).to.equal('/metrics/incidents');
    await page.getByLabel('Weeks to show (4–52)').fill('4');
    await Promise.all([page.waitForURL('**/metrics/incidents?weeks=4'), page.getByLabel('Weeks to show (4–52)').press('Enter')]);
    for (const chart of ['chart-incidents-per-week', 'chart-durations', 'chart-services', 'chart-action-items']) {
      await page.waitForFunction(`(() => { const c = document.getElementById(${JSON.stringify(chart)}); return !!c && c.width > 0 && c.height > 0; })()`);
      expect(await inkOf(page, chart), `${chart} has something drawn on it`).to.be.above(500);
    }
    expect(await page.locator('#chart-durations').getAttribute('aria-hidden')).to.equal('true');
    // alice sees her private INC-3 too: resolved after 45, 80 and 200 min → median 80, p90 200 (nearest rank).
    expect(await rowText(page, 'table-durations-overall', 'Time to resolve')).to.match(/Time to resolve\s+3\s+1 h 20 min\s+3 h 20 min/);
    expect(await rowText(page, 'table-durations-overall', 'Time to acknowledge')).to.match(/3\s+10 min\s+20 min/);
    expect(await rowText(page, 'table-durations-overall', 'Time to mitigate')).to.match(/1\s+30 min\s+30 min/);
    expect(await rowText(page, 'table-incidents-per-week', '2026-11-23')).to.match(/2026-11-23\s+0\s+1\s+1\s+2/);
    expect(await rowText(page, 'table-services', 'payroll')).to.match(/payroll\s+1\s+1\s+45 min/);
    await screenshot(page, 'metrics-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download response times as CSV' }).click()]);
    expect(download.suggestedFilename()).to.equal('muster-durations-2026-11-02-to-2026-11-25.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).to.match(/^week_start,acknowledge_count,acknowledge_median_seconds/);
    expect(csv[3]).to.equal('2026-11-16,2,600,1200,1,1800,1800,2,4800,12000');
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('fits a 375 px phone: no sideways scrolling of the page, tables scroll in their own keyboard-reachable region', async () => {
    const { page, problems, context } = await signIn(browser, server, eve);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/metrics/incidents?weeks=12');
    await page.waitForFunction("document.documentElement.classList.contains('charts-on')");
    expect(await page.evaluate('document.documentElement.scrollWidth')).to.be.at.most(375);
    const region = page.getByRole('region', { name: 'Durations per week, table' });
    await region.focus();
    expect(await region.evaluate((el) => el.matches(':focus') && el.scrollWidth > el.clientWidth)).to.equal(true);
    expect(await page.locator('#table-durations tbody tr').count()).to.equal(12);
    expect(await page.content()).not.to.include('Payroll');
    await screenshot(page, 'metrics-phone');
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('works without JavaScript: the tables carry the numbers and no blank chart box is shown', async () => {
    const { token } = await server.store.webSessions.createSignInLink({ person: eve, workspaceId: 'local', tenantId: 'default' });
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`/login/link/${token}`);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Continue' }).click()]);
    await page.goto('/metrics/incidents?weeks=4');
    expect(await page.locator('.chart').first().isVisible()).to.equal(false);
    expect(await rowText(page, 'table-durations-overall', 'Time to resolve')).to.match(/2\s+1 h 20 min\s+3 h 20 min/);
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
