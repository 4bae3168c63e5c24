import { expect } from 'chai';
import type { PersonRef } from '@muster/core';
import { alice, eve, HOSTILE_SERVICES, mallory, root, seedMetrics, SettableClock, startMetricsServer } from './metrics-seed';
import { call, removeDir, tempDir, type InProcessServer } from './server-support';

/**
 * The metrics page and its CSV files over HTTP, against a real server and SQLite: exact numbers,
 * spreadsheet-safe CSV, and who is counted (a private incident only for its participants and admins,
 * never another tenant's incidents), with bad windows refused in words.
 */
describe('web: incident metrics page and CSV downloads', function () {
  this.timeout(120_000);
  let dir: string;
  let server: InProcessServer;
  const clock = new SettableClock();

  before(async () => {
    dir = tempDir('web-metrics');
    server = await startMetricsServer(dir, clock);
    await seedMetrics(server, clock);
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  const cookies = new Map<string, string>();
  async function cookieFor(person: PersonRef, workspaceId = 'local', tenantId = 'default'): Promise<string> {
    const key = `${workspaceId}/${person.id}`;
    if (!cookies.has(key)) cookies.set(key, `muster_session=${(await server.store.webSessions.createSession({ person, workspaceId, tenantId }, 'link')).token}`);
    return cookies.get(key)!;
  }
  async function get(path: string, person?: PersonRef, workspaceId?: string, tenantId?: string) {
    const headers: Record<string, string> = person ? { cookie: await cookieFor(person, workspaceId, tenantId) } : {};
    const response = await fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, text: await response.text() };
  }
  const lines = (text: string) => text.split('\r\n');

  it('answers each chart as a CSV attachment with a header row, ISO weeks and durations in seconds', async () => {
    const perWeek = await get('/metrics/incidents-per-week.csv?weeks=4', eve);
    expect(perWeek.status).to.equal(200);
    expect(perWeek.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(perWeek.headers.get('content-disposition')).to.equal('attachment; filename="muster-incidents-per-week-2026-11-02-to-2026-11-25.csv"');
    expect(perWeek.headers.get('cache-control')).to.include('no-store');
    expect(perWeek.text).to.equal([
      'week_start,SEV1,SEV2,SEV3,total', '2026-11-02,0,0,0,0', '2026-11-09,0,0,0,0', '2026-11-16,1,1,0,2', '2026-11-23,0,0,1,1', '',
    ].join('\r\n'));

    const durations = await get('/metrics/durations.csv?weeks=4', eve);
    expect(lines(durations.text)[0]).to.equal('week_start,acknowledge_count,acknowledge_median_seconds,acknowledge_p90_seconds,mitigate_count,mitigate_median_seconds,mitigate_p90_seconds,resolve_count,resolve_median_seconds,resolve_p90_seconds');
    // Week of 11-16: acknowledged after 10 and 20 min, mitigated once after 30, resolved after 80 and 200.
    expect(lines(durations.text)[3]).to.equal('2026-11-16,2,600,1200,1,1800,1800,2,4800,12000');
    // The week of 11-23 holds only the declined false alarm for eve: counted per week, never timed.
    expect(lines(durations.text)[4]).to.equal('2026-11-23,0,,,0,,,0,,');

    const items = await get('/metrics/action-items.csv?weeks=4', eve);
    expect(lines(items.text).slice(0, 5)).to.deep.equal(['week_created,open,done,cancelled,completion_percent', '2026-11-02,0,0,0,', '2026-11-09,0,0,0,', '2026-11-16,0,1,0,100', '2026-11-23,0,0,0,']);
  });

  it('writes hostile service names so no spreadsheet runs them and no field spills into the next (RFC 4180)', async () => {
    const services = lines((await get('/metrics/services.csv?weeks=4', eve)).text);
    expect(services[0]).to.equal('service,incidents,resolved,total_time_to_resolve_seconds');
    expect(services).to.include.members([
      '"\'=HYPERLINK(""http://evil.example"",""x"")",1,1,12000',
      "'+cmd,1,1,12000",
      "'@x,1,1,12000",
      "'-1+1,1,1,12000",
      '"a,b ""c""",1,1,12000',
      '</script><script>alert(1)</script>,1,1,12000',
      'checkout,1,1,4800',
    ]);
    expect(services.filter((l) => /^[=+\-@]/.test(l))).to.deep.equal([]);
    expect(services).to.have.length(HOSTILE_SERVICES.length + 1 + 2); // header, rows, the empty line after the last CRLF
    expect(services.join('\n')).not.to.include('search'); // the declined incident's service
  });

  it('counts the private incident for its participant and an admin, never for an outsider', async () => {
    for (const csv of ['services', 'incidents-per-week', 'durations', 'action-items']) {
      const text = (await get(`/metrics/${csv}.csv?weeks=4`, eve)).text;
      expect(text).not.to.include('payroll');
      if (csv === 'incidents-per-week') expect(text).to.include('2026-11-23,0,0,1,1');
    }
    const page = await get('/metrics/incidents?weeks=4', eve);
    expect(page.status).to.equal(200);
    expect(page.text).not.to.include('payroll').and.not.to.include('Payroll');
    for (const insider of [alice, root]) {
      expect((await get('/metrics/incidents-per-week.csv?weeks=4', insider)).text).to.include('2026-11-23,0,1,1,2');
      expect((await get('/metrics/services.csv?weeks=4', insider)).text).to.include('payroll,1,1,2700');
      expect(lines((await get('/metrics/durations.csv?weeks=4', insider)).text)[4]).to.equal('2026-11-23,1,300,300,0,,,1,2700,2700');
      expect(lines((await get('/metrics/action-items.csv?weeks=4', insider)).text)[4]).to.equal('2026-11-23,1,0,0,0');
    }
  });

  it('never counts another tenant\'s incidents, in either direction', async () => {
    const ours = (await get('/metrics/services.csv?weeks=4', root)).text;
    expect(ours).not.to.include('globex');
    const theirs = await get('/metrics/services.csv?weeks=4', mallory, 'globex', 'globex');
    expect(lines(theirs.text)).to.deep.equal(['service,incidents,resolved,total_time_to_resolve_seconds', 'globex-billing,1,1,420', '']);
    const theirWeeks = (await get('/metrics/incidents-per-week.csv?weeks=4', mallory, 'globex', 'globex')).text;
    expect(theirWeeks).to.include('2026-11-16,0,0,0,0').and.include('2026-11-23,1,0,0,1');
  });

  it('refuses a bad window with a clear 400 page, for the page and every CSV', async () => {
    for (const weeks of ['3', '53', 'abc', '-4', '99999999999999999999', '%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      for (const path of ['/metrics/incidents', '/metrics/services.csv', '/metrics/durations.csv']) {
        const answer = await get(`${path}?weeks=${weeks}`, eve);
        expect(answer.status, `${path}?weeks=${weeks}`).to.equal(400);
        expect(answer.headers.get('content-type')).to.include('text/html');
        expect(answer.text).to.include('choose a whole number from 4 to 52').and.not.include('<script>alert').and.not.match(/at \w+ \(|Error:/);
      }
    }
  });

  it('asks for sign-in first: no session, no numbers', async () => {
    for (const path of ['/metrics/incidents', '/metrics/services.csv?weeks=4']) {
      const answer = await get(path);
      expect(answer.status).to.equal(303);
      expect(answer.headers.get('location')).to.match(/^\/login\?next=/);
      expect(answer.text).not.to.include('checkout');
    }
  });

  it('shows the numbers on the page in tables and as chart JSON that no service name can break out of', async () => {
    const page = await get('/metrics/incidents?weeks=4', eve);
    expect(page.text).to.include('Time to resolve</th><td>2</td><td>1 h 20 min</td><td>3 h 20 min</td>');
    expect(page.text).to.include('Time to acknowledge</th><td>2</td><td>10 min</td><td>20 min</td>');
    expect(page.text).to.include('href="/metrics/durations.csv?weeks=4"');
    const block = /<script type="application\/json" id="metrics-data">([^<]*)<\/script>/.exec(page.text);
    expect(block, 'the JSON block holds no < at all').not.to.equal(null);
    const data = JSON.parse(block![1]) as { services: { names: string[] }; weeks: string[]; durations: { resolve: { median: (number | null)[] } } };
    expect(data.services.names).to.include('</script><script>alert(1)</script>');
    expect(data.weeks).to.deep.equal(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(data.durations.resolve.median).to.deep.equal([null, null, 80, null]);
    expect(page.text).not.to.include('<script>alert(1)').and.not.to.include('<img src=x');
    expect(page.text).to.include('&lt;/script>&lt;script>alert(1)&lt;/script>');
  });

  it('leaves /metrics to Prometheus', async () => {
    const scrape = await get('/metrics', eve);
    expect(scrape.status).to.equal(200);
    expect(scrape.headers.get('content-type')).not.to.include('text/html');
    expect(scrape.text).to.match(/^# (HELP|TYPE) /m);
  });
  it('answers the same numbers over REST for the token\'s tenant, private incidents included for the admin token, never another tenant\'s', async () => {
    const metrics = await call(`${server.url}/api/v1/metrics?weeks=4`, { token: server.token });
    expect(metrics.status).to.equal(200);
    expect(metrics.body.weeks).to.deep.equal(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    // A token administers its tenant: the private INC-3 (SEV2, week of 11-23) counts; Globex's incident never does.
    expect(metrics.body.perWeek.map((w: { total: number }) => w.total)).to.deep.equal([0, 0, 2, 2]);
    expect(metrics.body.durations.perWeek[2].resolve).to.deep.equal({ count: 2, median: 80 * 60_000, p90: 200 * 60_000 });
    expect(metrics.body.services.map((s: { service: string }) => s.service)).to.include('payroll').and.not.include('globex-billing');
    const globex = (await server.store.apiTokens.create('globex-metrics', { tenantId: 'globex' })).token;
    const theirs = await call(`${server.url}/api/v1/metrics?weeks=4`, { token: globex });
    expect(theirs.body.perWeek.map((w: { total: number }) => w.total)).to.deep.equal([0, 0, 0, 1]);
    expect(theirs.text).to.not.include('payroll').and.not.include('checkout');
    for (const bad of ['3', '53', 'abc', '4.5', '<script>']) {
      const refused = await call(`${server.url}/api/v1/metrics?weeks=${encodeURIComponent(bad)}`, { token: server.token });
      expect(refused.status, bad).to.equal(400);
      expect(refused.body.error.message, bad).to.include('from 4 to 52');
    }
    expect((await call(`${server.url}/api/v1/metrics`)).status).to.equal(401);
  });
});
