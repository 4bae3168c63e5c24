import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TOKENS, type Incident, type PersonRef, type Postmortem, type Repositories } from '@muster/core';
import { removeDir, startInProcess, tempDir, type InProcessServer } from '../integration/server-support';
import { consoleUser, launchBrowser, screenshot, signIn, typeCommand, type SignedIn } from './browser-kit';
import { flat, readPdf } from './pdf-text';

const alice = consoleUser('alice'); // declares, so holds the Incident Commander role
const bob = consoleUser('bob'); // takes part in public incidents, holds no role
const carol = consoleUser('carol'); // never invited to the private one
const dave: PersonRef = { platform: 'slack', id: 'U0DAVE', name: 'dave' }; // a person of another tenant (acme)

const HOSTILE = '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [click me](javascript:window.__pwned=3) **still bold**';

/**
 * The postmortem editor in real Chromium against a real server (SQLite): a resolved incident's
 * drafted sections edited with a live preview, saved through the same service as chat (its
 * timeline entry), conflicts and over-long text refused with nothing typed lost, hostile Markdown
 * inert everywhere, the exports, a private incident hidden, marking reviewed limited to the roles.
 */
describe('web: the postmortem editor and its exports (Chromium)', function () {
  this.timeout(120_000);
  let dir: string;
  let server: InProcessServer;
  let browser: Browser;
  let repos: Repositories;
  let as: { alice: SignedIn; bob: SignedIn; carol: SignedIn; dave: SignedIn };
  let inc: Incident;

  const incident = async (reference: string): Promise<Incident> =>
    (await repos.incidents.findByNumber('default', Number(/INC-(\d+)/.exec(reference)![1])))!;
  const postmortemOf = async (i: Incident): Promise<Postmortem> => (await repos.postmortems.findByIncident(i.id))!;
  const declare = async (title: string, flags = ''): Promise<Incident> => {
    const reply = await typeCommand(server, alice, `declare ${title} --sev SEV2 ${flags}`.trim());
    const ref = /INC-\d+/.exec(reply)?.[0];
    if (!ref) throw new Error(`declare answered without a reference: ${reply}`);
    return incident(ref);
  };
  /** Waits for a condition of the store (the outbox drafts the postmortem after resolve), not for a time. */
  const until = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 400; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`Gave up waiting for ${what}.`);
  };
  const open = async (page: Page, i: Incident): Promise<void> => {
    await page.goto(`/incidents/${i.reference}/postmortem`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Postmortem · ${i.reference}`) }).waitFor();
  };
  const save = async (page: Page, title: string): Promise<number> => {
    // The form POST navigates: wait for the answer and for the document it brings to load (the page
    // before the click has loaded already, so its load state would answer at once).
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/postmortem/sections/')),
      page.waitForEvent('load'),
      page.getByRole('button', { name: `Save ${title}` }).click(),
    ]);
    return response.status();
  };

  before(async () => {
    dir = tempDir('web-postmortem');
    // A second tenant, so a person of another organisation can try to read ours.
    writeFileSync(join(dir, 'muster.yaml'), `${JSON.stringify({ tenants: { acme: { slack: ['T0ACME'] } } })}\n`);
    server = await startInProcess(dir);
    repos = server.running.container.get<Repositories>(TOKENS.Repositories);
    browser = await launchBrowser();
    inc = await declare('Checkout errors');
    await typeCommand(server, alice, `${inc.reference} note Card payments fail with 502 from the gateway`);
    await typeCommand(server, bob, `${inc.reference} note Rolled back the gateway config`);
    await typeCommand(server, alice, `${inc.reference} resolve`);
    // The offline summarizer drafts the sections from the timeline once the incident is resolved.
    await until('the extractive draft', async () => ((await repos.postmortems.findByIncident(inc.id))?.sections.some((s) => s.origin === 'extractive') ? true : undefined));
    as = { alice: await signIn(browser, server, alice), bob: await signIn(browser, server, bob), carol: await signIn(browser, server, carol),
      dave: await signIn(browser, server, dave, 'T0ACME', 'acme'),
    };
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) removeDir(dir);
  });

  it('edits a drafted section with a live preview, saves it as chat would (timeline entry), and it stays saved', async () => {
    const { page, problems } = as.alice;
    await open(page, inc);
    const summary = page.locator('#section-summary');
    expect(await summary.locator('.badge').textContent()).to.equal('Extracted from the timeline');
    const before = (await postmortemOf(inc)).sections.find((s) => s.key === 'summary')!;
    expect(await page.getByLabel('Summary (Markdown)').inputValue()).to.equal(before.body);
    await screenshot(page, 'postmortem-editor-desktop');

    const box = page.getByLabel('Summary (Markdown)');
    await box.fill('');
    await box.pressSequentially('Card payments **failed** for 12 minutes.');
    // The preview follows the typing before anything is saved.
    await summary.locator('#preview-summary strong', { hasText: 'failed' }).waitFor();
    expect((await postmortemOf(inc)).sections.find((s) => s.key === 'summary')!.body).to.equal(before.body);

    expect(await save(page, 'Summary')).to.equal(303);
    await page.waitForURL(/saved=summary/);
    expect(await page.getByRole('status').textContent()).to.include('Saved');
    await page.reload();
    expect(await page.getByLabel('Summary (Markdown)').inputValue()).to.equal('Card payments **failed** for 12 minutes.');
    expect(await page.locator('#section-summary .badge').textContent()).to.equal('Written by a person, last edited by alice');
    expect(await page.locator('article.markdown-doc strong', { hasText: 'failed' }).count()).to.be.greaterThan(0);

    const stored = (await postmortemOf(inc)).sections.find((s) => s.key === 'summary')!;
    expect(stored).to.include({ body: 'Card payments **failed** for 12 minutes.', origin: 'human', revision: (before.revision ?? 0) + 1 });
    const entries = (await repos.timeline.list(inc.id)).filter((e) => e.text === 'Postmortem section "Summary" edited.');
    expect(entries).to.have.length(1); // once, and the reload did not submit again
    expect(entries[0]).to.deep.include({ kind: 'note', source: 'console' });
    expect(entries[0].actor?.id).to.equal('alice');
    expect(problems).to.deep.equal([]);
  });

  it('refuses an edit made from a stale copy, says who changed it, and keeps the typed text', async () => {
    await open(as.alice.page, inc);
    // Meanwhile bob saves the same section from his browser.
    await open(as.bob.page, inc);
    await as.bob.page.getByLabel('Impact (Markdown)').fill('Bob: EU customers could not pay.');
    expect(await save(as.bob.page, 'Impact')).to.equal(303);

    const page = as.alice.page;
    await page.getByLabel('Impact (Markdown)').fill('Alice: all card payments failed.');
    expect(await save(page, 'Impact')).to.equal(409);
    const alert = page.locator('#section-impact [role=alert]');
    expect(await alert.textContent()).to.match(/"Impact" was changed by bob after you opened it, so your edit was not saved/);
    expect(await page.getByLabel('Impact (Markdown)').inputValue()).to.equal('Alice: all card payments failed.');
    expect(await page.locator('#section-impact .pm-current').textContent()).to.include('Bob: EU customers could not pay.');
    expect((await postmortemOf(inc)).sections.find((s) => s.key === 'impact')!.body).to.equal('Bob: EU customers could not pay.');

    // Having seen bob's text, saving again replaces it on purpose.
    expect(await save(page, 'Impact')).to.equal(303);
    expect((await postmortemOf(inc)).sections.find((s) => s.key === 'impact')).to.include({ body: 'Alice: all card payments failed.' });
    expect(as.alice.problems).to.deep.equal([]);
  });

  it('refuses a section over 3,000 characters with the reason, the text kept, nothing saved', async () => {
    const { page } = as.alice;
    await open(page, inc);
    const before = (await postmortemOf(inc)).sections.find((s) => s.key === 'went_well')!;
    const long = `${'Checkout retried. '.repeat(170)}end`;
    expect(long.length).to.be.greaterThan(3000);
    await page.getByLabel('What went well (Markdown)').fill(long);
    // The counter warns as soon as the text is too long (rendered on the next frame: waited for, not slept on).
    await page.locator('#count-went_well', { hasText: /\d+ too many/ }).waitFor();
    expect(await save(page, 'What went well')).to.equal(400);
    expect(await page.locator('#section-went_well [role=alert]').textContent()).to.include('Keep a section under 3000 characters');
    expect(await page.getByLabel('What went well (Markdown)').inputValue()).to.equal(long);
    expect((await postmortemOf(inc)).sections.find((s) => s.key === 'went_well')).to.deep.equal(before);
  });

  it('shows hostile Markdown as inert text in the preview, the page and both exports, with no CSP violation', async () => {
    const { page, problems, context } = as.alice;
    await open(page, inc);
    const box = page.getByLabel('Contributing factors (Markdown)');
    await box.fill(HOSTILE);
    const preview = page.locator('#preview-contributing_factors');
    await preview.locator('strong', { hasText: 'still bold' }).waitFor();
    const inert = async (where: string) => {
      expect(await page.locator(`${where} script, ${where} img`).count(), where).to.equal(0);
      expect(await page.locator('a[href^="javascript"], [onerror]').count(), where).to.equal(0);
      expect(await page.locator(where).first().textContent(), where).to.include('<script>window.__pwned = 1</script>');
      expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).to.equal(undefined);
    };
    await inert('#preview-contributing_factors');
    expect(await save(page, 'Contributing factors')).to.equal(303);
    await inert('#preview-contributing_factors');
    await inert('article.markdown-doc');

    const md = await context.request.get(`/incidents/${inc.reference}/postmortem.md`);
    expect(await md.text()).to.not.match(/<script|<img/);
    const pdf = readPdf(await (await context.request.get(`/incidents/${inc.reference}/postmortem.pdf`)).body());
    expect(pdf.links.filter((l) => /javascript/i.test(l))).to.deep.equal([]);
    expect(flat(pdf.text)).to.include('<script>window.__pwned = 1</script>');
    expect(problems).to.deep.equal([]);
  });

  it('exports Markdown and PDF with the edits, as downloads named after the incident', async () => {
    const { page, context } = as.alice;
    await open(page, inc);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.panel').getByRole('link', { name: 'Markdown' }).first().click()]);
    expect(download.suggestedFilename()).to.equal(`${inc.reference}-postmortem.md`);

    const md = await context.request.get(`/incidents/${inc.reference}/postmortem.md`);
    expect(md.status()).to.equal(200);
    expect(md.headers()['content-type']).to.equal('text/markdown; charset=utf-8');
    expect(md.headers()['content-disposition']).to.equal(`attachment; filename="${inc.reference}-postmortem.md"`);
    const text = await md.text();
    expect(text).to.include('## Summary\n\nCard payments **failed** for 12 minutes.');
    expect(text).to.include('## Timeline');
    expect(text).to.include('Rolled back the gateway config');

    const res = await context.request.get(`/incidents/${inc.reference}/postmortem.pdf`);
    expect(res.headers()['content-type']).to.equal('application/pdf');
    expect(res.headers()['content-disposition']).to.equal(`attachment; filename="${inc.reference}-postmortem.pdf"`);
    const body = await res.body();
    expect(body.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    const pdf = readPdf(body);
    expect(pdf.pages).to.be.greaterThan(0);
    const pdfText = flat(pdf.text);
    expect(pdfText).to.include('Card payments failed for 12 minutes.');
    expect(pdfText).to.include('Rolled back the gateway config');
    expect(pdfText).to.include(`Postmortem: ${inc.reference} Checkout errors`);
  });

  it('saves without JavaScript too (the preview then shows the saved text)', async () => {
    const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false });
    try {
      await context.addCookies(await as.alice.context.cookies());
      const page = await context.newPage();
      await open(page, inc);
      await page.getByLabel('Suggested action items (Markdown)').fill('- Alert on gateway 502s');
      expect(await save(page, 'Suggested action items')).to.equal(303);
      await page.waitForURL(/saved=suggested_actions/);
      expect(await page.locator('#preview-suggested_actions li').textContent()).to.equal('Alert on gateway 502s');
      expect((await postmortemOf(inc)).sections.find((s) => s.key === 'suggested_actions')).to.include({ body: '- Alert on gateway 502s', origin: 'human' });
    } finally {
      await context.close();
    }
  });

  it('runs a form submitted twice (the same _key) once: one change, one timeline entry', async () => {
    const { page } = as.alice;
    await open(page, inc);
    const revision = await page.locator('#section-went_badly input[name=revision]').getAttribute('value');
    const key = await page.locator('#section-went_badly input[name=_key]').getAttribute('value');
    const body = new URLSearchParams({ _csrf: await csrfOf(as.alice), _key: key!, revision: revision!, body: 'Paging took 9 minutes.' }).toString();
    const statuses = await page.evaluate(async ([ref, form]) => {
      const send = () => fetch(`/incidents/${ref}/postmortem/sections/went_badly`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });
      return [(await send()).status, (await send()).status];
    }, [inc.reference, body]);
    expect(statuses).to.deep.equal([0, 0]); // opaque redirects (303) both times: the replay is answered like the first
    const section = (await postmortemOf(inc)).sections.find((s) => s.key === 'went_badly')!;
    expect(section).to.include({ body: 'Paging took 9 minutes.', revision: Number(revision) + 1 });
    expect((await repos.timeline.list(inc.id)).filter((e) => e.text === 'Postmortem section "What went badly" edited.')).to.have.length(1);
  });

  it('escapes a hostile incident title on the page and sends anyone signed out to sign in, not to the document', async () => {
    const hostile = await declare('<img src=x onerror="globalThis.__pwned=4"> Billing');
    const { page, problems } = as.alice;
    await open(page, hostile);
    expect(await page.locator('main img, [onerror]').count()).to.equal(0);
    expect(await page.locator('h1').count()).to.equal(1); // the document's own "# Postmortem" heading sits below the page's
    expect(await page.locator('article.markdown-doc h3').first().textContent()).to.include(`Postmortem: ${hostile.reference} <img src=x`);
    expect(hostile.title).to.match(/^<img src=x onerror=.*> Billing$/);
    expect(await page.locator('main h1').textContent()).to.include(hostile.title);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).to.equal(undefined);
    expect(problems).to.deep.equal([]);
    for (const path of ['/postmortem', '/postmortem.md', '/postmortem.pdf']) {
      const anonymous = await fetch(`${server.url}/incidents/${hostile.reference}${path}`, { redirect: 'manual' });
      expect(anonymous.status, path).to.equal(303);
      expect(anonymous.headers.get('location'), path).to.equal(`/login?next=${encodeURIComponent(`/incidents/${hostile.reference}${path}`)}`);
      expect(await anonymous.text(), path).to.equal('');
    }
  });

  it('paginates the PDF of an incident with hundreds of timeline entries', async () => {
    const busy = await declare('Queue backlog');
    for (let i = 0; i < 250; i++) await typeCommand(server, bob, `${busy.reference} note Backlog check number ${i}`);
    const res = await as.alice.context.request.get(`/incidents/${busy.reference}/postmortem.pdf`);
    expect(res.status()).to.equal(200);
    const pdf = readPdf(await res.body());
    expect(pdf.pages).to.be.greaterThan(4);
    const text = flat(pdf.text);
    expect(text).to.include('Backlog check number 0 ');
    expect(text).to.include('Backlog check number 249');
    expect(text).to.include(`page ${pdf.pages} of ${pdf.pages}`);
  });

  it('answers 404 to a non-participant for a private incident\'s page, exports and edits, as for a missing one', async () => {
    const secret = await declare('Data exposure', '--private');
    for (const path of ['/postmortem', '/postmortem.md', '/postmortem.pdf']) {
      const hidden = await as.carol.context.request.get(`/incidents/${secret.reference}${path}`);
      const missing = await as.carol.context.request.get(`/incidents/INC-9999${path}`);
      expect(hidden.status(), path).to.equal(404);
      expect(missing.status(), path).to.equal(404);
      const said = await hidden.text();
      expect(said, path).to.include(`There is no incident ${secret.reference} that you can see`);
      expect(said, path).to.not.include('Data exposure');
      expect((await missing.text()).replace(/INC-9999/g, secret.reference)).to.equal(said);
      // Bob takes part in public incidents only: he is not a participant of this one either.
      expect((await as.bob.context.request.get(`/incidents/${secret.reference}${path}`)).status(), path).to.equal(404);
    }
    await open(as.alice.page, secret); // its declarer sees it
    expect((await as.alice.context.request.get(`/incidents/${secret.reference}/postmortem.pdf`)).status()).to.equal(200);
  });

  it('lets a non-participant with a valid form still not edit a private incident (404), and the page works on a 375 px phone', async () => {
    const secret = (await repos.incidents.list()).find((i) => i.title === 'Data exposure')!;
    const page = as.carol.page;
    await open(page, inc); // a page carol may see, for her session's CSRF token
    const csrf = await csrfOf(as.carol);
    const status = await page.evaluate(async ([ref, token]) => (await fetch(`/incidents/${ref}/postmortem/sections/summary`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}&revision=0&body=carol%20was%20here`,
    })).status, [secret.reference, csrf]);
    expect(status).to.equal(404);
    expect((await repos.timeline.list(secret.id)).some((e) => e.actor?.id === 'carol')).to.equal(false);

    const phone = as.alice.page;
    await phone.setViewportSize({ width: 375, height: 800 });
    await open(phone, inc);
    expect(await phone.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).to.be.at.most(375);
    await screenshot(phone, 'postmortem-editor-375');
    await phone.setViewportSize({ width: 1280, height: 900 });
  });

  it('answers 404 to a person of another tenant for the page, the exports and an edit, and changes nothing', async () => {
    for (const path of ['/postmortem', '/postmortem.md', '/postmortem.pdf']) {
      const answer = await as.dave.context.request.get(`/incidents/${inc.reference}${path}`);
      expect(answer.status(), path).to.equal(404);
      const said = await answer.text();
      expect(said, path).to.include(`There is no incident ${inc.reference} that you can see`);
      expect(said, path).to.not.include('Checkout errors');
    }
    const page = as.dave.page;
    await page.goto(`/incidents/${inc.reference}/postmortem`); // the 404 page still carries dave's CSRF token
    const before = await postmortemOf(inc);
    const status = await page.evaluate(async ([ref, token]) => (await fetch(`/incidents/${ref}/postmortem/sections/summary`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}&revision=1&body=dave%20was%20here`,
    })).status, [inc.reference, await csrfOf(as.dave)]);
    expect(status).to.equal(404);
    expect(await postmortemOf(inc)).to.deep.equal(before);
  });

  it('marks it reviewed only for the roles that may (chat\'s permission), with the timeline entry', async () => {
    // Bob holds no role: no buttons, and a forged submit is refused by core.
    await open(as.bob.page, inc);
    expect(await as.bob.page.getByRole('button', { name: /Mark reviewed|Start the postmortem stage/ }).count()).to.equal(0);
    const bobCsrf = await csrfOf(as.bob);
    for (const step of ['start', 'reviewed']) {
      const answer = await as.bob.page.evaluate(async ([ref, token, s]) => {
        const r = await fetch(`/incidents/${ref}/postmortem/${s}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}&_key=bob-${s}-0001` });
        return { status: r.status, text: await r.text() };
      }, [inc.reference, bobCsrf, step]);
      expect(answer.status, step).to.equal(403);
      expect(answer.text, step).to.include('Only the Incident Commander or Operations Lead can');
    }
    expect((await incident(inc.reference)).status).to.equal('resolved');

    const page = as.alice.page;
    page.on('dialog', (d) => void d.accept());
    await open(page, inc);
    await Promise.all([page.waitForURL(/done=started/), page.getByRole('button', { name: 'Start the postmortem stage' }).click()]);
    expect((await incident(inc.reference)).status).to.equal('postmortem');
    await Promise.all([page.waitForURL(/done=reviewed/), page.getByRole('button', { name: 'Mark reviewed' }).click()]);
    expect(await page.getByRole('status').textContent()).to.include('marked reviewed');
    expect(await page.locator('#pm-state .badge').textContent()).to.equal('reviewed');
    expect((await postmortemOf(inc)).state).to.equal('published');
    const marked = (await repos.timeline.list(inc.id)).filter((e) => e.text === 'Postmortem marked reviewed.');
    expect(marked).to.have.length(1);
    expect(marked[0].actor?.id).to.equal('alice');
    expect(as.alice.problems).to.deep.equal([]);
  });
});

async function csrfOf(s: SignedIn): Promise<string> {
  const token = await s.page.locator('meta[name=csrf-token]').getAttribute('content');
  if (!token) throw new Error('The page has no CSRF token.');
  return token;
}
