import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { TOKENS, timelineEntry, type Repositories } from '@muster/core';
import { consoleUser } from '../browser/browser-kit';
import { getPage, seedIncident, sessionCookieFor, startDashboard, type DashboardServer } from '../browser/dashboard-kit';

const ana = consoleUser('ana');

/**
 * The incident page over HTTP: the timeline read a page at a time, links that are not web addresses
 * never followed, and changes refused without the CSRF token or from another origin, or with bad
 * input, each with nothing changed and a reason, never a 500.
 */
describe('Dashboard incident page (HTTP)', function () {
  let server: DashboardServer;
  let repos: Repositories;
  let cookie: string;
  let csrf: string;
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { origin: server.url }) =>
    fetch(`${server.url}${path}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams(form), headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers } });

  before(async () => {
    server = await startDashboard('dash-incident-http');
    repos = server.running.container.get<Repositories>(TOKENS.Repositories);
    cookie = await sessionCookieFor(server, ana);
    const incident = await seedIncident(server, { declaredBy: ana, title: 'Long one' });
    incident.addLink('ticket', { title: 'OPS-1 (hostile link)', url: 'javascript:alert(1)' }, ana, new Date());
    incident.addLink('call', { title: 'Bridge', url: 'https://meet.example.com/abc' }, ana, new Date());
    await repos.incidents.save(incident);
    const base = Date.now() - 3_600_000;
    await repos.timeline.appendMany(Array.from({ length: 120 }, (_, n) => timelineEntry({
      id: randomUUID(), incidentId: incident.id, kind: 'message', occurredAt: new Date(base + n * 1000), recordedAt: new Date(base + n * 1000),
      actor: ana, source: 'slack', text: `entry number ${n + 1}.`, idempotencyKey: `test:${n}`,
      external: { platform: 'slack', conversationId: 'C0INC', messageId: `1700000000.${String(n).padStart(6, '0')}` },
    })));
    csrf = /<meta name="csrf-token" content="([^"]+)"/.exec((await getPage(server, cookie, '/incidents/INC-1')).html)![1]!;
  });
  after(() => server.close());

  const entriesOn = (html: string) => [...html.matchAll(/entry number (\d+)\./g)].map((m) => Number(m[1]));

  it('shows the timeline 50 entries at a time, with later and newest pages', async () => {
    const first = await getPage(server, cookie, '/incidents/INC-1');
    expect(first.html).to.include('(120 entries)');
    expect(entriesOn(first.html)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    const later = /href="([^"]*tl_after=\d+)#timeline"/.exec(first.html)![1]!;
    expect(entriesOn((await getPage(server, cookie, later)).html)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 51));
    expect(entriesOn((await getPage(server, cookie, '/incidents/INC-1?tl=newest')).html)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 71));
    expect(entriesOn((await getPage(server, cookie, '/incidents/INC-1?tl_after=oops')).html)).to.have.length(50);
    expect(first.html).to.include('href="https://slack.com/app_redirect?channel=C0INC"');
  });

  it('links web addresses and shows any other stored address as text only', async () => {
    const { html } = await getPage(server, cookie, '/incidents/INC-1');
    expect(html).to.include('href="https://meet.example.com/abc"');
    expect(html).to.include('OPS-1 (hostile link)').and.not.include('javascript:');
  });

  it('answers a malformed or unknown reference with a page saying so, never a 500', async () => {
    const malformed = await getPage(server, cookie, '/incidents/%3Cscript%3E');
    expect(malformed.status).to.equal(400);
    expect(malformed.html).to.include('is not an incident reference').and.not.include('<script>');
    expect((await getPage(server, cookie, '/incidents/INC-77')).status).to.equal(404);
  });

  it('refuses a change without the CSRF token, from another origin, or with bad input, changing nothing', async () => {
    const entriesBefore = await repos.timeline.count((await repos.incidents.findByNumber('default', 1))!.id);
    const noToken = await post('/incidents/INC-1/transition', { command: 'ack', _key: 'k-no-token-1' });
    expect(noToken.status).to.equal(403);
    expect(await noToken.text()).to.include('security token does not match');
    const elsewhere = await post('/incidents/INC-1/transition', { _csrf: csrf, command: 'ack', _key: 'k-elsewhere-1' }, { origin: 'https://evil.example' });
    expect(elsewhere.status).to.equal(403);
    const bogus = await post('/incidents/INC-1/transition', { _csrf: csrf, command: 'postmortem', _key: 'k-bogus-12' });
    expect(bogus.status).to.equal(400);
    expect(await bogus.text()).to.include('Choose one of the status buttons');
    const badSeverity = await post('/incidents/INC-1/severity', { _csrf: csrf, severity: '<img src=x onerror=alert(1)>', _key: 'k-sev-123' });
    expect(badSeverity.status).to.equal(400);
    expect(await badSeverity.text()).to.include('Choose a severity').and.not.include('<img src=x');
    const stranger = await post('/incidents/INC-1/roles', { _csrf: csrf, role: 'scribe', person: 'console:mallory', _key: 'k-role-123' });
    expect(stranger.status).to.equal(400);
    expect(await stranger.text()).to.include('Pick a person from the list');
    const empty = await post('/incidents/INC-1/notes', { _csrf: csrf, text: '   ', _key: 'k-note-123' });
    expect(empty.status).to.equal(400);
    const huge = await post('/incidents/INC-1/notes', { _csrf: csrf, text: 'x'.repeat(300_000), _key: 'k-huge-123' });
    expect(huge.status).to.equal(413);
    const noItem = await post('/incidents/INC-1/action-items/nope/complete', { _csrf: csrf, _key: 'k-item-123' });
    expect(noItem.status).to.be.oneOf([404, 400]);
    expect(await noItem.text()).not.to.match(/at .*\.js:\d+/);
    const incident = (await repos.incidents.findByNumber('default', 1))!;
    expect(incident.status).to.equal('triage');
    expect(incident.holdersOf('scribe')).to.deep.equal([]);
    expect(await repos.timeline.count(incident.id)).to.equal(entriesBefore);
  });
});
