import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { TOKENS, type Incident, type InboundPort, type Repositories, type TimelineEntry } from '@muster/core';
import { consoleUser, launchBrowser, screenshot, signIn, typeCommand, type SignedIn } from './browser-kit';
import { startDashboard, type DashboardServer } from './dashboard-kit';

const ana = consoleUser('ana');
const bob = consoleUser('bob');
const carol = consoleUser('carol');
const boss = consoleUser('boss');

/**
 * The incident page in real Chromium against a real server whose console chat is on: what chat did
 * shows on the page, what the page does reaches the room's card, core refuses what the person may
 * not do, and a private incident is a 404 to everyone but its participants and admins.
 */
describe('Dashboard incident page (browser)', function () {
  let server: DashboardServer;
  let browser: Browser;
  const open: SignedIn[] = [];
  let repos: Repositories;
  let inbound: InboundPort;

  const as = async (person = ana): Promise<SignedIn> => {
    const signed = await signIn(browser, server, person);
    open.push(signed);
    return signed;
  };
  const incident = async (ref: string): Promise<Incident> => (await repos.incidents.findByNumber('default', Number(ref.slice(4))))!;
  const timeline = async (ref: string): Promise<TimelineEntry[]> => repos.timeline.list((await incident(ref)).id);
  const room = async (ref: string) => {
    await server.consoleShows(new RegExp(`${ref} has its room`));
    return (await incident(ref)).snapshot().links.rooms[0]!;
  };

  before(async () => {
    server = await startDashboard('dash-incident', 'admins: [console:boss]\n');
    browser = await launchBrowser();
    repos = server.running.container.get<Repositories>(TOKENS.Repositories);
    inbound = server.running.container.get<InboundPort>(TOKENS.InboundPort);
    // INC-1, as chat would have it: declared by ana (commander), bob the scribe, a note, a message edited and pinned.
    await typeCommand(server, ana, 'declare Checkout failing for EU --sev SEV1 --service checkout');
    await typeCommand(server, ana, 'INC-1 assign scribe @bob');
    await typeCommand(server, ana, 'INC-1 note Rolled back the 10:00 deploy');
    const inc1 = await room('INC-1');
    await inbound.captureMessage({ room: inc1, messageId: 'm-1', author: bob, text: 'DB CPU at 90%', sentAt: new Date(), idempotencyKey: 'console:m-1' });
    await inbound.captureEdit(inc1, 'm-1', 'DB CPU at 95%', new Date());
    await inbound.captureHighlight(inc1, 'm-1', true);
    await inbound.captureMessage({ room: inc1, messageId: 'm-2', author: bob, text: 'oops the db password is hunter2', sentAt: new Date(), idempotencyKey: 'console:m-2' });
    await inbound.captureDelete(inc1, 'm-2', new Date());
  });
  after(async () => {
    for (const s of open) await s.context.close();
    await browser?.close();
    await server?.close();
  });

  it('shows what chat did: facts, roles, the note, the edited message with its earlier text, the highlight', async () => {
    const { page, problems } = await as(ana);
    await page.goto('/incidents/INC-1');
    await expect(await page.title()).to.equal('INC-1 Checkout failing for EU · Muster');
    const facts = page.locator('section[aria-labelledby="facts-h"]');
    expect(await facts.innerText()).to.include('SEV1').and.include('checkout').and.include('triage').and.include('Room on console');
    const roles = await page.locator('section[aria-labelledby="roles-h"]').innerText();
    expect(roles).to.match(/Incident Commander\s+ana \(console\)/).and.match(/Scribe\s+bob \(console\)/);
    const entries = page.locator('#timeline li[data-kind]');
    expect(await page.locator('#timeline').innerText()).to.include('Rolled back the 10:00 deploy');
    const message = entries.filter({ hasText: 'DB CPU at 95%' });
    expect(await message.getAttribute('class')).to.include('highlight');
    expect(await message.innerText()).to.include('Highlight').and.include('edited').and.not.include('DB CPU at 90%');
    await message.locator('summary').click();
    expect(await message.innerText()).to.include('DB CPU at 90%');
    const deleted = entries.filter({ hasText: 'Message deleted in chat' });
    expect(await deleted.count()).to.equal(1);
    expect(await page.content()).not.to.include('hunter2');
    await screenshot(page, 'dashboard-incident-page');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    expect(await page.evaluate('document.documentElement.scrollWidth')).to.be.at.most(375);
    await screenshot(page, 'dashboard-incident-page-375');
    expect(problems).to.deep.equal([]);
  });

  it('refuses a change by someone without the role, showing core\'s reason, with nothing changed', async () => {
    const { page } = await as(carol);
    const before = await timeline('INC-1');
    const printed = server.consoleText().length;
    await page.goto('/incidents/INC-1');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(await page.getByRole('alert').innerText()).to.match(/Incident Commander|commander/i);
    await page.getByLabel('Severity', { exact: true }).selectOption('SEV3');
    await page.getByRole('button', { name: 'Change severity' }).click();
    expect(await page.getByRole('alert').innerText()).to.match(/commander|Operations Lead/i);
    const after = await incident('INC-1');
    expect(after.status).to.equal('triage');
    expect(after.severity).to.equal('SEV1');
    expect((await timeline('INC-1')).length).to.equal(before.length);
    expect(server.consoleText().slice(printed)).not.to.include('Card updated');
  });

  it('acknowledges and resolves from the page: the timeline records it and the room\'s card refreshes', async () => {
    const { page, problems } = await as(ana);
    await page.goto('/incidents/INC-1');
    await Promise.all([page.waitForURL(/\/incidents\/INC-1\?done=transition/), page.getByRole('button', { name: 'Acknowledge' }).click()]);
    expect(await page.getByRole('status').innerText()).to.equal('Status changed.');
    expect(await page.locator('section[aria-labelledby="facts-h"]').innerText()).to.include('investigating');
    await server.consoleShows(/Card updated: .*INC-1[^\n]*investigat/i);
    expect((await timeline('INC-1')).filter((e) => e.kind === 'status_change').map((e) => e.actor?.id)).to.deep.equal(['ana']);

    await Promise.all([page.waitForURL(/done=transition/), page.getByRole('button', { name: 'Resolve' }).click()]);
    expect(await page.locator('section[aria-labelledby="facts-h"]').innerText()).to.include('resolved');
    await server.consoleShows(/Card updated: .*INC-1[^\n]*resolved/i);
    expect(await page.getByRole('button', { name: 'Reopen' }).count()).to.equal(1);
    expect(await page.getByRole('button', { name: 'Resolve' }).count()).to.equal(0);
    expect(problems).to.deep.equal([]);
  });

  it('adds a note, assigns a role and handles an action item from the page; a resent form is one change', async () => {
    const { page } = await as(ana);
    await page.goto('/incidents/INC-1');
    const noteForm = page.locator('form[aria-label="Add a note"]');
    const key = await noteForm.locator('input[name="_key"]').inputValue();
    const csrf = await noteForm.locator('input[name="_csrf"]').inputValue();
    await page.getByLabel('Add a note to the timeline').fill('Customer comms sent');
    await Promise.all([page.waitForURL(/done=note/), page.getByRole('button', { name: 'Add note' }).click()]);
    // The same form sent again (a double click, a resent POST): the same key, so no second note.
    const again = await page.request.post('/incidents/INC-1/notes', { form: { _csrf: csrf, _key: key, text: 'Customer comms sent' }, headers: { origin: server.url }, maxRedirects: 0 });
    expect(again.status()).to.equal(303);
    expect((await timeline('INC-1')).filter((e) => e.text.includes('Customer comms sent'))).to.have.length(1);

    const roles = page.locator('form[aria-label="Assign a role"]');
    await roles.getByLabel('Role').selectOption('communications_lead');
    await roles.getByLabel('or a handle, as in chat').fill('@carol');
    await Promise.all([page.waitForURL(/done=role/), roles.getByRole('button', { name: 'Assign' }).click()]);
    expect(await page.locator('section[aria-labelledby="roles-h"]').innerText()).to.match(/Communications Lead\s+carol \(console\)/);

    const add = page.locator('form[aria-label="Add an action item"]');
    await add.getByLabel('What needs doing').fill('Add a canary stage');
    await add.getByLabel('Someone on this incident').selectOption('console:bob');
    await Promise.all([page.waitForURL(/done=action-added/), add.getByRole('button', { name: 'Add action item' }).click()]);
    const item = page.locator('li.action-item', { hasText: 'Add a canary stage' });
    expect(await item.innerText()).to.include('Owner: bob (console)').and.include('open');
    await item.locator('summary').click();
    await item.getByLabel('or a handle, as in chat').fill('@carol');
    await Promise.all([page.waitForURL(/done=owner/), item.getByRole('button', { name: 'Save owner' }).click()]);
    expect(await page.locator('li.action-item', { hasText: 'Add a canary stage' }).innerText()).to.include('Owner: carol (console)');
    await Promise.all([page.waitForURL(/done=action-done/), page.locator('li.action-item', { hasText: 'Add a canary stage' }).getByRole('button', { name: 'Mark done' }).click()]);
    expect(await page.locator('li.action-item', { hasText: 'Add a canary stage' }).innerText()).to.include('done');
    const items = await repos.actionItems.listByIncident((await incident('INC-1')).id);
    expect(items.map((i) => [i.text, i.owner?.id, i.state])).to.deep.equal([['Add a canary stage', 'carol', 'done']]);

    await add.getByLabel('What needs doing').fill('Due in the past');
    await add.getByLabel('Due (a date, UTC; optional)').fill('2020-01-01');
    await add.getByRole('button', { name: 'Add action item' }).click();
    expect(await page.getByRole('alert').innerText()).to.include('already past');
    expect(await repos.actionItems.listByIncident((await incident('INC-1')).id)).to.have.length(1);
  });

  it('hides a private incident from a non-participant (page, list, search, changes) and shows it to its participant and an admin', async () => {
    await typeCommand(server, ana, 'declare Payroll export leaking --private');
    const ref = 'INC-2';
    const { page: bobPage } = await as(bob);
    const hidden = await bobPage.goto(`/incidents/${ref}`);
    expect(hidden!.status()).to.equal(404);
    const hiddenText = await bobPage.getByRole('alert').innerText();
    const missing = await bobPage.goto('/incidents/INC-999');
    expect(missing!.status()).to.equal(404);
    expect(hiddenText.replace(ref, 'INC-N')).to.equal((await bobPage.getByRole('alert').innerText()).replace('INC-999', 'INC-N'));
    expect(await bobPage.content()).not.to.include('Payroll');
    await bobPage.goto('/?status=all');
    expect(await bobPage.locator('a.incident-link').allInnerTexts()).not.to.include(ref);
    await bobPage.goto('/?status=all&q=payroll');
    expect(await bobPage.locator('a.incident-link').count()).to.equal(0);
    const change = await bobPage.request.post(`/incidents/${ref}/transition`, {
      form: { _csrf: await bobPage.locator('meta[name="csrf-token"]').getAttribute('content') ?? '', _key: 'bob-tries-1234', command: 'resolve' },
      headers: { origin: server.url }, maxRedirects: 0,
    });
    expect(change.status()).to.equal(404);
    expect((await incident(ref)).status).to.equal('triage');

    for (const person of [ana, boss]) {
      const { page } = await as(person);
      expect((await page.goto(`/incidents/${ref}`))!.status(), person.id).to.equal(200);
      expect(await page.locator('h1').innerText()).to.include('Payroll export leaking');
      await page.goto('/?q=payroll');
      expect(await page.locator('a.incident-link').allInnerTexts()).to.deep.equal([ref]);
    }
  });

  it('keeps hostile titles and notes as text on the list and the page: no script runs, no CSP violation', async () => {
    await typeCommand(server, ana, 'declare <script>window.__pwned=1</script>');
    await typeCommand(server, ana, 'declare <img src=x onerror=window.__pwned=2>');
    await typeCommand(server, ana, 'INC-4 note <img src=y onerror=window.__pwned=3> and <b>bold</b>');
    const { page, problems } = await as(ana);
    await page.goto('/');
    const titles = await page.locator('tbody tr td[data-label="Title"]').allInnerTexts();
    expect(titles).to.include('<script>window.__pwned=1</script>').and.include('<img src=x onerror=window.__pwned=2>');
    await checkClean(page);
    await page.goto('/incidents/INC-4');
    expect(await page.locator('h1').innerText()).to.include('<img src=x onerror=window.__pwned=2>');
    expect(await page.locator('#timeline').innerText()).to.include('<img src=y onerror=window.__pwned=3> and <b>bold</b>');
    await checkClean(page);
    await page.goto('/incidents/INC-3');
    expect(await page.title()).to.equal('INC-3 <script>window.__pwned=1</script> · Muster');
    await checkClean(page);
    expect(problems).to.deep.equal([]);
  });
});

async function checkClean(page: Page): Promise<void> {
  expect(await page.evaluate('window.__pwned')).to.equal(undefined);
  expect(await page.locator('main img, main script').count()).to.equal(0);
}
