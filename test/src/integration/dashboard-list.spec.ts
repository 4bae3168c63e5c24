import { expect } from 'chai';
import { TOKENS, type Incident, type Repositories } from '@muster/core';
import { consoleUser } from '../browser/browser-kit';
import { getPage, listedReferences, seedIncident, sessionCookieFor, startDashboard, type DashboardServer } from '../browser/dashboard-kit';

const ana = consoleUser('ana');
const bob = consoleUser('bob');
const boss = consoleUser('boss');
const DAY = 86_400_000;

/**
 * The incident list over HTTP (a real server, SQLite): each filter, paging that stays full and
 * honest when private incidents are left out, tenant isolation, and bad filter values answered with
 * a message instead of a 500. The browser suites cover keyboard use, rendering and screenshots.
 */
describe('Dashboard list (HTTP)', function () {
  let server: DashboardServer;
  let asBob: string;
  let asAna: string;
  let asBoss: string;

  before(async () => {
    server = await startDashboard('dash-list', 'admins: [console:boss]\n');
    [asBob, asAna, asBoss] = await Promise.all([bob, ana, boss].map((p) => sessionCookieFor(server, p)));
  });
  after(() => server.close());

  it('says how to declare the first incident when there is none', async () => {
    const { status, html } = await getPage(server, asBob, '/');
    expect(status).to.equal(200);
    expect(html).to.include('No incidents yet').and.include('/incident declare &lt;title>');
  });

  describe('with incidents', () => {
    before(async () => {
      const now = Date.now();
      // INC-1..INC-3: shaped for the filters.
      await seedIncident(server, { declaredBy: ana, title: 'Checkout 100% down', severity: 'SEV1', services: ['checkout'], at: new Date(now - 10 * DAY) });
      const resolved = await seedIncident(server, { declaredBy: ana, title: 'Search slow', summary: 'Index rebuild after the deploy', services: ['search'], at: new Date(now - 5 * DAY) });
      resolved.transitionTo('resolved', ana, new Date(now - 4 * DAY));
      await saveAgain(server, resolved);
      await seedIncident(server, { declaredBy: ana, title: 'Login errors', severity: 'SEV3', services: ['auth', 'checkout-api'], at: new Date(now - 1 * DAY) });
      // INC-4..INC-33: thirty public ones, with a private one of ana's after every third.
      for (let n = 0; n < 30; n++) {
        await seedIncident(server, { declaredBy: bob, title: `Paging filler ${n}`, at: new Date(now - DAY / 2) });
        if (n % 3 === 0) await seedIncident(server, { declaredBy: ana, title: `Paging filler: Secret merger outage ${n}`, private: true, at: new Date(now - DAY / 2) });
      }
      await seedIncident(server, { declaredBy: consoleUser('eve'), tenantId: 'acme', title: 'Acme only: Checkout down' });
    });

    it('pages 25 at a time, newest first, with Older and Newer links that keep the filters, never showing a private incident to a non-participant', async () => {
      const first = await getPage(server, asBob, '/?status=all&q=filler');
      const page1 = listedReferences(first.html);
      expect(page1).to.have.length(25);
      expect(first.html).not.to.include('Secret merger');
      expect(first.html).not.to.include('Newer');
      const older = /href="(\/\?[^"]*before=\d+[^"]*)"[^>]*>Older/.exec(first.html)?.[1]?.replace(/&amp;/g, '&');
      expect(older).to.include('q=filler').and.include('status=all');
      const second = await getPage(server, asBob, older!);
      const page2 = listedReferences(second.html);
      expect(page2).to.have.length(5);
      expect([...page1, ...page2].map((r) => Number(r.slice(4)))).to.deep.equal([...[...page1, ...page2].map((r) => Number(r.slice(4)))].sort((a, b) => b - a));
      expect(new Set([...page1, ...page2]).size).to.equal(30);
      expect(second.html).not.to.include('Older');
      const newer = /href="(\/\?[^"]*after=\d+[^"]*)"[^>]*>← Newer/.exec(second.html)?.[1]?.replace(/&amp;/g, '&');
      expect(listedReferences((await getPage(server, asBob, newer!)).html)).to.deep.equal(page1);
    });

    it('lists private incidents to their participant and to an admin, and finds them by text only for them', async () => {
      for (const cookie of [asAna, asBoss]) {
        const { html } = await getPage(server, cookie, '/?q=secret+merger');
        expect(listedReferences(html)).to.have.length(10);
      }
      const hidden = await getPage(server, asBob, '/?q=secret+merger');
      expect(listedReferences(hidden.html)).to.deep.equal([]);
      expect(hidden.html).to.include('No incidents match these filters').and.not.include('Secret merger');
      const ref = listedReferences((await getPage(server, asAna, '/?q=secret+merger')).html)[0];
      expect(listedReferences((await getPage(server, asBob, `/?status=all&q=${ref}`)).html)).to.deep.equal([]);
    });

    it('never shows another tenant\'s incident, not even by its title or reference', async () => {
      for (const cookie of [asBob, asBoss]) {
        expect((await getPage(server, cookie, '/?status=all&q=acme')).html).not.to.include('Acme only');
        expect((await getPage(server, cookie, '/?status=all&q=INC-1')).html).not.to.include('Acme only');
        // acme's incident is INC-1 of acme: INC-1 here is this tenant's own.
        const page = await getPage(server, cookie, '/incidents/INC-1');
        expect(page.html).to.include('Checkout 100% down').and.not.include('Acme only');
      }
    });

    it('filters by status, severity, service, text and declaration dates', async () => {
      const refs = async (query: string) => listedReferences((await getPage(server, asBob, `/?${query}`)).html);
      expect(await refs('q=search')).to.deep.equal(['INC-2'], '"open" includes resolved ones awaiting their postmortem, as in chat');
      expect(await refs('status=triage&q=search')).to.deep.equal([]);
      expect(await refs('status=all&q=search')).to.deep.equal(['INC-2']);
      expect(await refs('status=resolved')).to.deep.equal(['INC-2']);
      expect(await refs('severity=SEV1')).to.deep.equal(['INC-1']);
      expect(await refs('severity=sev3')).to.deep.equal(['INC-3']);
      expect(await refs('service=checkout')).to.deep.equal(['INC-1']);
      expect(await refs('service=Checkout-API')).to.deep.equal(['INC-3']);
      expect(await refs('status=all&q=index+rebuild')).to.deep.equal(['INC-2'], 'the summary is searched');
      expect(await refs('q=inc-3')).to.deep.equal(['INC-3']);
      expect(await refs('q=100%25')).to.deep.equal(['INC-1']);
      expect(await refs('q=%25')).to.deep.equal(['INC-1'], 'a % is a character, not a wildcard');
      const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
      expect(await refs(`status=all&from=${day(-11)}&to=${day(-2)}`)).to.deep.equal(['INC-2', 'INC-1']);
      expect(await refs(`status=all&from=${day(-3)}&to=${day(-1)}&severity=SEV3`)).to.deep.equal(['INC-3']);
    });

    it('answers bad filter values with a message on the page (400), listing nothing, never a 500', async () => {
      const cases: [string, RegExp][] = [
        ['status=bogus', /Status must be/],
        ['severity=SEV9', /Severity must be one of SEV1, SEV2, SEV3/],
        ['from=2026-02-30', /Declared from&quot; must be a date|Declared from" must be a date/],
        ['to=yesterday', /must be a date written YYYY-MM-DD/],
        ['from=2026-03-02&to=2026-03-01', /must not be after/],
        [`q=${'x'.repeat(300)}`, /at most 200 characters/],
        ['before=-1', /page link is damaged/],
        ['before=99999999999999999999', /page link is damaged/],
        ['severity=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /Severity must be/],
      ];
      for (const [query, message] of cases) {
        const { status, html } = await getPage(server, asBob, `/?${query}`);
        expect(status, query).to.equal(400);
        expect(html, query).to.match(message);
        expect(listedReferences(html), query).to.deep.equal([]);
        expect(html, query).not.to.include('<script>alert(1)');
      }
    });

    it('sends a visitor without a session to sign in first, back to the same filtered list after', async () => {
      const response = await fetch(`${server.url}/?severity=SEV1`, { redirect: 'manual' });
      expect(response.status).to.equal(303);
      expect(response.headers.get('location')).to.equal('/login?next=%2F%3Fseverity%3DSEV1');
    });
  });
});

async function saveAgain(server: DashboardServer, incident: Incident): Promise<void> {
  await server.running.container.get<Repositories>(TOKENS.Repositories).incidents.save(incident);
}
