import { expect } from 'chai';
import { call } from './server-support';
import { ACME, PAGE_TITLE, StatusFixture } from './status-page-support';
import { childrenNamed, childText, parseXml } from './xml-check';

interface Component { name: string; state: string }
const stateOf = async (base: string, name: string): Promise<string | undefined> =>
  ((await call(`${base}/status.json`)).body.components as Component[]).find((c) => c.name === name)?.state;

describe('Public status page: component states, the 90-day history and hostile text (HTTP, real server and SQLite)', function () {
  this.timeout(60_000);
  let f: StatusFixture;

  before(async () => { f = await StatusFixture.start('status-history'); });
  after(async () => { await f?.stop(); });

  it('follows the severity of the open incident on a component, counts mitigated as degraded, and clears on resolve', async () => {
    const incident = await f.declare('Search latency', { severity: 'SEV3', services: ['search'] });
    expect(await stateOf(f.url, 'search'), 'nothing announced yet').to.equal('operational');
    await f.update(incident, 'Searches are slower than usual.', 'published');
    expect(await stateOf(f.url, 'search')).to.equal('degraded_performance');
    await f.setSeverity(incident, 'SEV2');
    expect(await stateOf(f.url, 'search')).to.equal('partial_outage');
    await f.setSeverity(incident, 'SEV1');
    expect(await stateOf(f.url, 'search')).to.equal('major_outage');
    expect(await stateOf(f.url, 'checkout'), 'other components are untouched').to.equal('operational');
    const html = (await call(`${f.url}/status`)).text;
    expect(html).to.include('Major outage');
    await f.transition(incident, 'mitigate');
    expect(await stateOf(f.url, 'search')).to.equal('degraded_performance');
    expect((await call(`${f.url}/status.json`)).body.active[0].status).to.equal('monitoring');
    await f.transition(incident, 'resolve');
    const after = (await call(`${f.url}/status.json`)).body;
    expect(after.components.every((c: Component) => c.state === 'operational')).to.equal(true);
    expect(after.overall).to.equal('operational');
    expect(after.active).to.have.length(0);
    const [resolved] = after.history.flatMap((d: { incidents: unknown[] }) => d.incidents) as { status: string; resolvedAt?: string }[];
    expect(resolved?.status).to.equal('resolved');
    expect(Date.parse(resolved!.resolvedAt!)).to.be.closeTo(Date.now(), 60_000);
    expect((await call(`${f.url}/status`)).text).to.include('All systems operational').and.include('Resolved');
  });

  it('keeps 90 days of history, by day, and leaves older incidents out of the page, the JSON and the feed', async () => {
    const recent = await f.oldIncident(30, 'Thirty days ago', ['checkout']);
    await f.update(recent, 'OLD-30 checkout was slow for an hour.', 'published', 'external', new Date(Date.now() - 30 * 86_400_000));
    const ancient = await f.oldIncident(100, 'A hundred days ago', ['checkout']);
    await f.update(ancient, 'OLD-100 checkout was down.', 'published', 'external', new Date(Date.now() - 100 * 86_400_000));
    const [html, json, atom] = await Promise.all(['/status', '/status.json', '/status/feed.atom'].map((p) => call(`${f.url}${p}`)));
    for (const answer of [html, json, atom]) {
      expect(answer.text).to.include('OLD-30 checkout was slow');
      expect(answer.text).to.not.include('OLD-100');
    }
    const day = recent.snapshot().milestones.declared!.toISOString().slice(0, 10);
    const listed = json.body.history.find((d: { date: string }) => d.date === day);
    expect(listed?.incidents, `the day ${day}`).to.have.length(1);
    expect(Date.parse(listed.incidents[0].resolvedAt) - Date.parse(listed.incidents[0].startedAt)).to.equal(60 * 60 * 1000);
    const dates = json.body.history.map((d: { date: string }) => d.date);
    expect(dates, 'newest day first').to.deep.equal([...dates].sort().reverse());
    const checkout = json.body.components.find((c: Component) => c.name === 'checkout');
    expect(checkout.state, 'a resolved incident changes no state').to.equal('operational');
    // The bars: the day of the SEV2 thirty days ago (resolved within the hour) only; nothing for the older one.
    expect(checkout.incidentDays).to.deep.equal([{ date: day, state: 'partial_outage' }]);
    const bars = /<div class="status-bars" role="img" aria-label="checkout over the last 90 days: incidents on 1 day">(.*?)<\/div>/.exec(html.text);
    expect(bars, 'the checkout bars').to.not.equal(null);
    expect(bars![1]!.match(/class="status-bar /g)).to.have.length(90);
    expect(bars![1]).to.include(`title="${day}: Partial outage"`);
  });

  it('carries hostile update text as text in the page, the JSON and a feed that still parses', async () => {
    const body = 'Fixed ]]> & <script>alert(1)</script> <img src=x onerror=alert(2)> "quoted" \'single\' \u0001bell';
    const incident = await f.declare('<img src=x onerror=alert(3)> internal', { severity: 'SEV2', services: ['checkout'] });
    await f.update(incident, body, 'approved');
    const html = (await call(`${f.url}/status`)).text;
    expect(html).to.not.include('<script>alert(1)').and.not.include('<img src=x').and.not.include('alert(3)');
    // Preact escapes `<`, `&` and `"` in text (a `>` alone opens nothing).
    expect(html).to.include('&lt;script>alert(1)&lt;/script>');
    expect(html).to.include('<h1>Example &amp; Co &lt;b>status&lt;/b> ]]></h1>');
    const json = (await call(`${f.url}/status.json`)).body;
    expect(json.title).to.equal(PAGE_TITLE);
    expect(json.active[0].updates[0].body).to.equal(body.trim());
    const atom = (await call(`${f.url}/status/feed.atom`)).text;
    expect(atom).to.not.include('<script>').and.not.include(']]>');
    const feed = parseXml(atom);
    expect(childText(feed, 'title')).to.equal(PAGE_TITLE);
    const contents = childrenNamed(feed, 'entry').map((e) => childText(e, 'content'));
    // XML 1.0 cannot carry U+0001 at all: the feed drops it rather than break every reader.
    expect(contents).to.include(body.replace('\u0001', ''));
  });
});

describe('Public status page: statusPage.tenant chooses what /status shows', function () {
  this.timeout(60_000);
  let f: StatusFixture;

  before(async () => { f = await StatusFixture.start('status-home', 'sqlite', { homeTenant: ACME }); });
  after(async () => { await f?.stop(); });

  it('shows that tenant at /status, its JSON at /status.json, and the default tenant at /status/default', async () => {
    const acme = await f.declare('Portal down', { severity: 'SEV1', services: ['acme-portal'], tenant: ACME });
    await f.update(acme, 'ACME-HOME the portal is back.', 'published');
    const names = (body: { components: Component[] }) => body.components.map((c) => c.name);
    expect(names((await call(`${f.url}/status.json`)).body)).to.deep.equal(['acme-portal']);
    expect((await call(`${f.url}/status`)).text).to.include('ACME-HOME the portal is back.').and.include('href="/status/feed.atom"');
    expect((await call(`${f.url}/status/feed.atom`)).text).to.include('ACME-HOME');
    const other = await call(`${f.url}/status/default/status.json`);
    expect(names(other.body)).to.deep.equal(['checkout', 'search']);
    expect(other.text).to.not.include('ACME-HOME');
  });
});
