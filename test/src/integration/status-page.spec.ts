import { expect } from 'chai';
import type { Incident } from '@muster/core';
import { call } from './server-support';
import { ACME, PAGE_TITLE, StatusFixture } from './status-page-support';
import { childrenNamed, childText, parseXml } from './xml-check';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** What a member of the public gets at one status page, in its three forms. */
async function forms(base: string, page = '/status') {
  const jsonPath = page === '/status' ? '/status.json' : `${page}/status.json`;
  const [html, json, atom] = await Promise.all([call(`${base}${page}`), call(`${base}${jsonPath}`), call(`${base}${page}/feed.atom`)]);
  for (const answer of [html, json, atom]) expect(answer.status, answer.text.slice(0, 300)).to.equal(200);
  return { html: html.text, json: json.body, jsonText: json.text, atom: atom.text, all: [html.text, json.text, atom.text] };
}

for (const database of ['sqlite', 'mariadb'] as const) describe(`Public status page: what is shown, to whom (HTTP, real server and ${database === 'sqlite' ? 'SQLite' : 'MariaDB'})`, function () {
  this.timeout(60_000);
  let f: StatusFixture;
  let checkoutIncident: Incident;
  const HIDDEN = ['DRAFT-TEXT', 'PENDING-TEXT', 'REJECTED-TEXT', 'INTERNAL-APPROVED', 'INTERNAL-PUBLISHED', 'PRIVATE-UPDATE', 'QUIET-PENDING', 'ACME-UPDATE'];
  const INTERNAL_FIELDS = ['Primary DB failover', 'bob@corp', 'INC-', 'SEV2', 'SEV1', 'Casey', '@comms', 'billing-db', 'Internal ledger', 'Secret acquisition', 'Quiet alert'];

  before(async () => {
    f = await StatusFixture.start('status-visibility', database);
    checkoutIncident = await f.declare('Primary DB failover, bob@corp broke it', { severity: 'SEV2', services: ['checkout', 'billing-db'] });
    await f.update(checkoutIncident, 'We are investigating failed card payments.', 'published', 'external', minutesAgo(10));
    await f.update(checkoutIncident, 'A fix is rolling out; payments recover.', 'approved', 'external', minutesAgo(5));
    await f.update(checkoutIncident, 'PENDING-TEXT waiting for the Communications Lead', 'pending_approval');
    await f.update(checkoutIncident, 'DRAFT-TEXT still being written', 'draft');
    await f.update(checkoutIncident, 'REJECTED-TEXT blames the vendor', 'rejected');
    await f.update(checkoutIncident, 'INTERNAL-APPROVED the primary ran out of disk', 'approved', 'internal');
    await f.update(checkoutIncident, 'INTERNAL-PUBLISHED failover by hand', 'published', 'internal');
    const secret = await f.declare('Secret acquisition leak', { severity: 'SEV1', services: ['search'], private: true });
    await f.update(secret, 'PRIVATE-UPDATE search is down for everyone', 'published');
    const quiet = await f.declare('Quiet alert on search', { severity: 'SEV1', services: ['search'] });
    await f.update(quiet, 'QUIET-PENDING not approved yet', 'pending_approval');
    const acme = await f.declare('Acme portal login broken', { severity: 'SEV1', services: ['acme-portal'], tenant: ACME });
    await f.update(acme, 'ACME-UPDATE logins fail for Acme customers', 'published');
  });
  after(async () => { await f?.stop(); });

  it('shows the approved and published external updates, newest first, in the page, the JSON and the feed', async () => {
    const { html, json, atom } = await forms(f.url);
    for (const text of [html, atom]) {
      expect(text).to.include('We are investigating failed card payments.').and.include('A fix is rolling out; payments recover.');
      expect(text.indexOf('A fix is rolling out'), 'newest first').to.be.lessThan(text.indexOf('We are investigating'));
    }
    expect(json.active).to.have.length(1);
    expect(json.active[0].updates.map((u: { body: string }) => u.body)).to.deep.equal(['A fix is rolling out; payments recover.', 'We are investigating failed card payments.']);
    expect(json.active[0]).to.include({ title: 'Service update: checkout', status: 'investigating', impact: 'partial_outage' });
    expect(json.active[0].components).to.deep.equal(['checkout']);
    expect(new Date(json.updatedAt).getTime(), 'updatedAt is a time').to.be.closeTo(Date.now(), 60_000);
  });

  it('never shows a draft, a pending, a rejected or an internal update, a private incident or another tenant\'s, in any form', async () => {
    const { all } = await forms(f.url);
    for (const text of all) for (const hidden of HIDDEN) expect(text, hidden).to.not.include(hidden);
  });

  it('never shows internal fields: title, reference, severity name, people, internal services', async () => {
    const { all, json } = await forms(f.url);
    for (const text of all) for (const field of INTERNAL_FIELDS) expect(text, field).to.not.include(field);
    expect(Object.keys(json.active[0]).sort()).to.deep.equal(['components', 'id', 'impact', 'startedAt', 'status', 'statusLabel', 'title', 'updates']);
    expect(Object.keys(json.active[0].updates[0]).sort()).to.deep.equal(['at', 'body', 'id']);
  });

  it('lists public services only, and a private or unannounced incident changes no component, nor the overall state', async () => {
    const { html, json } = await forms(f.url);
    expect(json.components.map((c: { name: string }) => c.name)).to.deep.equal(['checkout', 'search']);
    const [checkout, search] = json.components;
    expect(search).to.deep.equal({ name: 'search', description: '', state: 'operational', stateLabel: 'Operational', incidentDays: [] });
    const { incidentDays, ...rest } = checkout;
    expect(rest).to.deep.equal({ name: 'checkout', description: 'Card payments and the basket', state: 'partial_outage', stateLabel: 'Partial outage' });
    // From the day of the declaration to today (one day, or two when this runs across midnight UTC).
    expect(incidentDays[0]).to.deep.equal({ date: checkoutIncident.snapshot().milestones.declared!.toISOString().slice(0, 10), state: 'partial_outage' });
    expect(incidentDays.map((d: { state: string }) => d.state)).to.have.length.within(1, 2).and.satisfy((all: string[]) => all.every((x) => x === 'partial_outage'));
    // The private SEV1 and the unannounced SEV1 on search would make it a major outage if they counted.
    expect(json.overall).to.equal('partial_outage');
    expect(json.history.flatMap((d: { incidents: unknown[] }) => d.incidents)).to.have.length(1);
    expect(html).to.not.include('acme-portal').and.not.include('Major outage');
  });

  it('shows a tenant of tenants: at /status/:tenant with its own services and incidents only', async () => {
    const { all, json } = await forms(f.url, `/status/${ACME}`);
    expect(json.components.map((c: { name: string }) => c.name)).to.deep.equal(['acme-portal']);
    expect(json.components[0].state).to.equal('major_outage');
    expect(all[0]).to.include('ACME-UPDATE logins fail for Acme customers');
    for (const text of all) {
      for (const other of ['failed card payments', 'A fix is rolling out', 'checkout', 'PRIVATE-UPDATE', 'Acme portal login broken']) expect(text, other).to.not.include(other);
    }
  });

  it('answers an unknown tenant with a 404 page (or JSON), never reflecting hostile input as markup', async () => {
    const page = await call(`${f.url}/status/globex`);
    expect(page.status).to.equal(404);
    expect(page.text).to.include('There is no status page here');
    const data = await call(`${f.url}/status/globex/status.json`);
    expect(data.status).to.equal(404);
    expect(data.body.error.code).to.equal('not_found');
    const hostile = await call(`${f.url}/status/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(hostile.status).to.equal(404);
    expect(hostile.text).to.not.include('<script>alert');
    expect((await call(`${f.url}/status/acme/feed.atom?x=${'a'.repeat(5000)}`)).status).to.equal(200);
  });

  it('serves JSON and Atom as short-lived public data (max-age at most 10 s, CORS open) and the page with the CSP', async () => {
    const json = await call(`${f.url}/status.json`);
    expect(json.headers.get('content-type')).to.match(/^application\/json/);
    expect(json.headers.get('access-control-allow-origin')).to.equal('*');
    const maxAge = Number(/max-age=(\d+)/.exec(json.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).to.be.within(0, 10);
    expect(json.headers.get('cache-control')).to.include('public');
    const atom = await call(`${f.url}/status/feed.atom`);
    expect(atom.headers.get('content-type')).to.match(/^application\/atom\+xml/);
    expect(Number(/max-age=(\d+)/.exec(atom.headers.get('cache-control') ?? '')?.[1])).to.be.within(0, 10);
    const page = await call(`${f.url}/status`);
    expect(page.headers.get('content-security-policy')).to.include("script-src 'self'");
    expect(page.headers.get('cache-control')).to.match(/no-cache|no-store/);
    expect(page.headers.get('set-cookie'), 'a public page sets no session').to.equal(null);
  });

  it('shows an update the moment it is approved: nothing is cached between requests', async () => {
    const pending = await f.update(checkoutIncident, 'FRESH-TEXT payments are fully back', 'pending_approval');
    expect((await call(`${f.url}/status`)).text).to.not.include('FRESH-TEXT');
    const { approveStatusUpdate } = await import('@muster/core');
    await f.server.store.repositories.statusUpdates.save(approveStatusUpdate(pending, { platform: 'console', id: '@ana' }, new Date()));
    const { all } = await forms(f.url);
    for (const text of all) expect(text).to.include('FRESH-TEXT payments are fully back');
  });

  it('writes a valid Atom 1.0 feed with the hostile title and updates as text', async () => {
    const { atom } = await forms(f.url);
    const feed = parseXml(atom);
    expect(feed.name).to.equal('feed');
    expect(feed.attributes.xmlns).to.equal('http://www.w3.org/2005/Atom');
    expect(childText(feed, 'title')).to.equal(PAGE_TITLE);
    expect(childText(feed, 'id')).to.match(/^urn:muster:status:/);
    expect(Number.isNaN(Date.parse(childText(feed, 'updated')!))).to.equal(false);
    expect(childrenNamed(feed, 'author')).to.have.length(1);
    const entries = childrenNamed(feed, 'entry');
    expect(entries.length).to.be.greaterThanOrEqual(2);
    const ids = entries.map((e) => childText(e, 'id'));
    expect(new Set(ids).size, 'ids are unique').to.equal(ids.length);
    for (const entry of entries) {
      expect(childText(entry, 'id')).to.match(/^urn:muster:status-update:[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(childText(entry, 'updated')!))).to.equal(false);
      expect(childrenNamed(entry, 'content')[0]!.attributes.type).to.equal('text');
    }
  });
});
