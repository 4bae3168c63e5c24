import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { CLI, childEnv, removeDir, tempDir } from '../integration/server-support';
import { launchBrowser, screenshot, watchProblems } from './browser-kit';

/**
 * Issue 13's "done when", as a new user lives it: `muster start` with the console chat (what `npm start`
 * runs), incidents declared by typing in the console, the one-time link from the start banner opened in
 * Chromium, the incident found in the list and opened, its postmortem edited and saved, and a chart of
 * its durations drawn on the metrics page.
 */
describe('browser: a first run, from the start banner to the dashboard', function () {
  this.timeout(180_000);
  let dir: string;
  let child: ChildProcessWithoutNullStreams;
  let browser: Browser;
  let out = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  /** Resolves when the process has printed something matching `pattern` (stdout and stderr). */
  const printed = (pattern: RegExp): Promise<RegExpExecArray> => {
    const now = pattern.exec(out);
    return now ? Promise.resolve(now) : new Promise((resolve) => waiters.push({ pattern, resolve }));
  };
  const type = async (line: string, answer: RegExp): Promise<void> => {
    const from = out.length;
    child.stdin.write(`${line}\n`);
    await printed(new RegExp(`[\\s\\S]{${from}}[\\s\\S]*?${answer.source}`));
  };

  before(async () => {
    dir = tempDir('first-run');
    browser = await launchBrowser();
    child = spawn(process.execPath, [CLI, 'start'], {
      cwd: dir, env: childEnv({ MUSTER_CONSOLE: 'on', MUSTER_PORT: '0', USER: 'sam', NO_COLOR: '1' }), stdio: ['pipe', 'pipe', 'pipe'],
    });
    const take = (d: Buffer) => {
      out += d.toString();
      for (const w of waiters.splice(0)) {
        const m = w.pattern.exec(out);
        if (m) w.resolve(m);
        else waiters.push(w);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
  });
  after(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    removeDir(dir);
  });

  it('signs in from the banner link, shows the console incidents, edits a postmortem and charts the durations', async () => {
    const [, address] = await printed(/^Muster is running at (http:\/\/localhost:\d+)$/m);
    const [, link] = await printed(/^ {2}dashboard: (http:\/\/localhost:\d+\/login\/link\/[A-Za-z0-9_-]+) /m);
    expect(link.startsWith(`${address}/login/link/`)).to.equal(true);

    await type('/incident declare SEV2 Checkout is failing --service checkout', /INC-1 declared/);
    await type('/incident declare SEV3 Search is slow', /INC-2 declared/);
    await type('/incident INC-1 ack', /INC-1/);
    await type('/incident INC-1 resolve', /INC-1/);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(link);
    await screenshot(page, 'first-run-sign-in');
    await Promise.all([page.waitForURL(`${address}/`), page.getByRole('button', { name: 'Continue' }).click()]);

    const rows = page.locator('table tbody tr');
    await page.getByRole('link', { name: 'INC-1' }).waitFor();
    expect(await rows.count()).to.equal(2);
    expect(await page.locator('main').innerText()).to.include('Checkout is failing').and.to.include('Search is slow');
    await screenshot(page, 'first-run-list');

    await Promise.all([page.waitForURL(/\/incidents\/INC-1$/), page.getByRole('link', { name: 'INC-1' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.include('Checkout is failing');
    await screenshot(page, 'first-run-incident');

    await page.goto(`${address}/incidents/INC-1/postmortem`);
    const summary = page.getByLabel('Summary (Markdown)');
    await summary.fill('Checkout failed for 20 minutes after a bad deploy; rolling back fixed it.');
    // The save is a form POST answered by a redirect back to the page: wait for that page to load, not
    // only for the POST's answer, or the reload below races the redirect's navigation.
    await Promise.all([
      page.waitForURL(/\/incidents\/INC-1\/postmortem\?saved=summary/, { waitUntil: 'load' }),
      page.getByRole('button', { name: 'Save Summary' }).click(),
    ]);
    await page.reload();
    expect(await page.locator('article.markdown-doc').innerText()).to.include('rolling back fixed it');
    await screenshot(page, 'first-run-postmortem');

    await page.goto(`${address}/metrics/incidents`);
    await page.locator('#chart-durations').waitFor();
    await page.waitForFunction(`(() => {
      const c = document.getElementById('chart-durations');
      if (!c || !c.width) return false;
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) return true;
      return false;
    })()`);
    expect(await page.locator('#table-durations').innerText()).to.match(/\d/);
    await screenshot(page, 'first-run-metrics');
    expect(problems).to.deep.equal([]);
    await context.close();
  });
});
