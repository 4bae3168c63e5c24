import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { quietServer } from '../e2e/settle-server';
import { launchBrowser, screenshot, signIn, type SignedIn } from './browser-kit';
import { ana, askForDraft, bob, declare, incidentId, startUpdatesWorld, updateNow, type UpdatesWorld } from './updates-fixture';

/**
 * Stakeholder updates on the web, in Chromium: a draft awaiting approval shows how it will look in
 * Teams (the adaptivecards renderer) and Slack, and can be edited, approved or rejected from the page,
 * with core deciding who may and which version is approved.
 */
describe('web: stakeholder updates with card previews (Chromium)', function () {
  this.timeout(120_000);
  let world: UpdatesWorld;
  let browser: Browser;
  let ref: string;
  const opened: SignedIn[] = [];

  before(async () => {
    world = await startUpdatesWorld('web-updates');
    browser = await launchBrowser();
    ref = await declare(world.server, ana, 'Checkout errors for EU customers');
  });
  after(async () => {
    for (const s of opened) await s.context.close();
    await browser?.close();
    await world?.stop();
  });

  const as = async (person: typeof ana): Promise<SignedIn> => {
    const s = await signIn(browser, world.server, person);
    opened.push(s);
    return s;
  };
  const visible = (text: string | null): string => (text ?? '').replace(/[\u200D\u2060]/g, '');
  const item = (page: Page, id: string) => page.locator(`[id="update-${id}"]`);
  /**
   * Submits a form and waits for the page the change redirects back to (the 303 comes after the change
   * was made). The page's URL is the same before and after, so the wait is on the redirected request.
   */
  const submit = async (page: Page, verb: 'approve' | 'edit' | 'reject', act: () => Promise<unknown>) => {
    // …and for that page to load, so what comes next (a reload, a goto) does not race its navigation.
    await Promise.all([page.waitForResponse((r) => r.request().redirectedFrom()?.url().endsWith(`/${verb}`) === true), page.waitForEvent('load'), act()]);
  };
  /** `drawn`: wait until card-preview.js has drawn the previews (there is a draft awaiting approval). */
  const openUpdates = async (page: Page, drawn = true) => {
    await page.goto(`/incidents/${ref}/updates`);
    if (drawn) await page.locator('[data-preview-drawn="true"]').first().waitFor();
  };

  it('shows an AI draft with its Teams and Slack previews; edited, then approved, it is published through the outbox', async () => {
    const draft = await askForDraft(world.server, ana, ref);
    const { page, problems } = await as(ana);
    await openUpdates(page);
    const box = item(page, draft.id);
    expect(await box.getByTestId('update-state').textContent()).to.equal('Awaiting approval');
    expect(await box.textContent()).to.match(/asked by ana/);

    // Teams: the adaptivecards HTML renderer drew the card, with the update's text in it.
    const card = box.locator('[data-preview="teams"] .ac-adaptiveCard');
    await card.waitFor();
    expect(await card.textContent()).to.contain(draft.body.slice(0, 40));
    // Slack: the Block Kit message, header and body.
    const slack = box.locator('[data-preview="slack"] .slack-message');
    expect(await slack.locator('.slack-header').textContent()).to.match(/Service update/);
    expect(await slack.textContent()).to.contain(draft.body.slice(0, 40));
    await screenshot(page, 'updates-previews');

    await box.getByText('Edit the text').click();
    await box.getByLabel('Text of the update').fill('We are investigating checkout errors for some EU customers. Next update in 30 minutes.');
    await submit(page, 'edit', () => box.getByRole('button', { name: 'Save the edit' }).click());
    const edited = await updateNow(world.server, draft.id);
    expect(edited.body).to.equal('We are investigating checkout errors for some EU customers. Next update in 30 minutes.');
    expect(edited.editedBy?.id).to.equal('ana');
    expect(edited.state).to.equal('pending_approval');
    // The redrawn page, its previews drawn again from the new text.
    await box.locator('[data-preview="teams"] .ac-adaptiveCard', { hasText: 'Next update in 30 minutes.' }).waitFor();
    await box.locator('[data-preview="slack"] .slack-message', { hasText: 'Next update in 30 minutes.' }).waitFor();

    page.once('dialog', (d) => void d.accept());
    await submit(page, 'approve', () => box.getByRole('button', { name: /Approve & publish version/ }).click());
    await quietServer(world.server.running);
    await openUpdates(page, false);
    expect(await box.getByTestId('update-state').textContent()).to.equal('Published');
    expect(await box.locator('.update-history').textContent()).to.match(/Approved by ana/).and.match(/Published .* to /);
    expect(await box.locator('form').count(), 'a published update offers no decisions').to.equal(0);

    const published = await updateNow(world.server, draft.id);
    expect(published.state).to.equal('published');
    expect(published.decidedBy?.id).to.equal('ana');
    const timeline = await world.server.store.repositories.timeline.list(await incidentId(world.server, ref));
    const entries = timeline.filter((e) => e.kind === 'update_published' && e.data.updateId === draft.id);
    expect(entries, 'published once, recorded once').to.have.length(1);
    expect(entries[0]!.text).to.contain('Next update in 30 minutes.');
    expect(problems).to.deep.equal([]);
  });

  it('refuses an approval by someone who is neither Communications Lead nor Incident Commander, and changes nothing', async () => {
    const draft = await askForDraft(world.server, ana, ref);
    const { page, problems } = await as(bob);
    await openUpdates(page);
    const box = item(page, draft.id);
    await box.locator('[data-preview="teams"] .ac-adaptiveCard').waitFor();
    page.once('dialog', (d) => void d.accept());
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/approve')), box.getByRole('button', { name: /Approve & publish/ }).click()]);
    expect(answer.status()).to.equal(403);
    expect(await page.getByRole('alert').textContent()).to.match(/Only the .*(Incident Commander|Communications Lead).* can approve stakeholder updates on INC-/);
    await page.goBack();
    await box.getByText('Edit the text').click();
    await box.getByLabel('Text of the update').fill('Bob rewrote this');
    const [edit] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/edit')), box.getByRole('button', { name: 'Save the edit' }).click()]);
    expect(edit.status()).to.equal(403);
    expect(await page.getByRole('alert').textContent()).to.match(/Only the author of this draft/);

    await quietServer(world.server.running);
    const after = await updateNow(world.server, draft.id);
    expect(after.state).to.equal('pending_approval');
    expect(after.version).to.equal(draft.version);
    expect(after.body).to.equal(draft.body);
    expect(after.decidedBy).to.equal(undefined);
    expect(problems).to.deep.equal([]);
  });

  it('refuses to approve a version the approver did not see (edited meanwhile in another browser)', async () => {
    const draft = await askForDraft(world.server, ana, ref);
    const first = await as(ana);
    const second = await as(ana);
    await openUpdates(first.page);
    await openUpdates(second.page);
    const other = item(second.page, draft.id);
    await other.getByText('Edit the text').click();
    await other.getByLabel('Text of the update').fill('A newer text nobody approved yet');
    await submit(second.page, 'edit', () => other.getByRole('button', { name: 'Save the edit' }).click());

    first.page.once('dialog', (d) => void d.accept());
    const stale = item(first.page, draft.id);
    const [answer] = await Promise.all([first.page.waitForResponse((r) => r.url().endsWith('/approve')), stale.getByRole('button', { name: /Approve & publish/ }).click()]);
    expect(answer.status()).to.equal(409);
    expect(await first.page.getByRole('alert').textContent()).to.match(/changed by ana after you saw it, so it was not approved/);
    await quietServer(world.server.running);
    const after = await updateNow(world.server, draft.id);
    expect(after.state).to.equal('pending_approval');
    expect(after.body).to.equal('A newer text nobody approved yet');
  });

  it('rejects a draft with a reason (keyboard only), recorded on the timeline, and nothing is published', async () => {
    const draft = await askForDraft(world.server, ana, ref);
    const { page } = await as(ana);
    await openUpdates(page);
    const box = item(page, draft.id);
    // With the keyboard alone: open the disclosure, type the reason, submit with Enter.
    await box.getByText('Reject', { exact: true }).focus();
    await page.keyboard.press('Enter');
    await box.getByLabel(/Reason/).focus();
    await page.keyboard.type('Too early, we do not know the cause');
    await submit(page, 'reject', () => page.keyboard.press('Enter'));
    await quietServer(world.server.running);
    await box.getByTestId('update-state').filter({ hasText: 'Rejected' }).waitFor();
    expect(await page.getByRole('status').textContent()).to.equal('Draft rejected; nothing was sent.');
    expect(new URL(page.url()).hash, 'back at the update').to.equal(`#update-${draft.id}`);
    expect(await box.locator('.update-history').textContent()).to.match(/Rejected by ana .*: Too early, we do not know the cause/);
    const after = await updateNow(world.server, draft.id);
    expect(after.state).to.equal('rejected');
    const timeline = await world.server.store.repositories.timeline.list(await incidentId(world.server, ref));
    expect(timeline.some((e) => e.kind === 'update_published' && e.data.updateId === draft.id)).to.equal(false);
    expect(timeline.some((e) => e.data.updateId === draft.id && /rejected: Too early/.test(e.text))).to.equal(true);
  });

  it('keeps hostile update text as text in both previews and in the data block: no element, no script, no CSP violation', async () => {
    const draft = await askForDraft(world.server, ana, ref);
    const hostile = 'Fixed <img src=x onerror="window.__pwned=1"> </script><script>window.__pwned=2</script> **bold** [click](javascript:window.__pwned=3) <!channel> @everyone';
    const { page, problems } = await as(ana);
    await openUpdates(page);
    const box = item(page, draft.id);
    await box.getByText('Edit the text').click();
    await box.getByLabel('Text of the update').fill(hostile);
    await submit(page, 'edit', () => box.getByRole('button', { name: 'Save the edit' }).click());
    await box.locator('[data-preview="teams"] .ac-adaptiveCard', { hasText: 'window.' }).waitFor();
    await box.locator('[data-preview="slack"] .slack-message', { hasText: 'window.' }).waitFor();

    const teams = box.locator('[data-preview="teams"]');
    const slack = box.locator('[data-preview="slack"]');
    for (const preview of [teams, slack]) {
      // The renderers add invisible joiners (Teams a WORD JOINER after `<`, Slack ZERO WIDTH JOINERs around
      // `*` and `_`) so no parser reads a tag or a marker; the eye reads exactly the typed text.
      const text = visible(await preview.textContent());
      expect(text).to.contain('<img src=x onerror="window.__pwned=1">');
      expect(text).to.contain('</script><script>window.__pwned=2</script>');
      expect(await preview.locator('img, script, a[href]').count()).to.equal(0);
    }
    expect(visible(await teams.textContent()), 'Teams shows the typed markers, not bold').to.contain('**bold**');
    expect(visible(await slack.textContent()), 'and so does Slack').to.contain('**bold**');
    expect(await box.locator('[data-preview] strong').count(), 'typed markers make nothing bold').to.equal(0);
    expect(await page.evaluate('window.__pwned')).to.equal(undefined);

    // The data block: one element, its JSON parses back to the exact text, and its source holds no markup.
    const html = await (await page.request.get(`/incidents/${ref}/updates`)).text();
    const block = new RegExp(`<script type="application/json" id="update-preview-${draft.id}"[^>]*>([^<]*)</script>`).exec(html);
    expect(block, 'the data block is intact').to.not.equal(null);
    expect(block![1]).to.not.contain('<').and.not.contain('>');
    const parsed = visible(JSON.stringify(JSON.parse(block![1]!)));
    expect(parsed, 'the text comes back exactly, markup characters included').to.contain('<img src=x onerror=').and.contain('</script><script>window.');
    expect(await page.locator('script:not([src]):not([type="application/json"])').count(), 'no executable inline script').to.equal(0);
    await screenshot(page, 'updates-hostile-text');
    expect(problems).to.deep.equal([]);
  });

  it('works without JavaScript: the text, the decisions, previews saying they need a script; an external preview names no internal title', async () => {
    const draft = await askForDraft(world.server, ana, ref);
    const { token } = await world.server.store.webSessions.createSession({ person: ana, workspaceId: 'local', tenantId: 'default' }, 'link');
    const context = await browser.newContext({ baseURL: world.server.url, javaScriptEnabled: false });
    try {
      await context.addCookies([{ name: 'muster_session', value: token, url: world.server.url }]);
      const page = await context.newPage();
      await page.goto(`/incidents/${ref}/updates`);
      const box = item(page, draft.id);
      expect(await box.locator('.update-body').textContent()).to.equal(draft.body);
      expect(await box.locator('.preview-fallback').count()).to.equal(2);
      expect(await box.locator('.ac-adaptiveCard').count()).to.equal(0);
      expect(await box.getByRole('button', { name: /Approve & publish/ }).isVisible()).to.equal(true);
      const data = await box.locator('script.update-preview-data').textContent();
      expect(data).to.not.contain('Checkout errors');
      expect(JSON.parse(data ?? '{}').slack.blocks[0].text.text).to.equal('Service update');
    } finally {
      await context.close();
    }
  });

  it('fits a 375 px wide phone: previews stack and nothing scrolls sideways', async () => {
    const { page } = await as(ana);
    await page.setViewportSize({ width: 375, height: 800 });
    await openUpdates(page);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as number;
    expect(overflow).to.be.at.most(0);
    await screenshot(page, 'updates-phone');
  });
});
