import { expect } from 'chai';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';
import { parseExposition } from './server-prometheus-parser';

describe('server: HTTP, REST API and metrics (SQLite, in-process)', () => {
  let dir: string;
  let server: InProcessServer;
  let api: string;

  before(async () => {
    dir = tempDir('http');
    server = await startInProcess(dir);
    api = `${server.url}/api/v1`;
  });

  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('answers /healthz and /readyz when the database is there', async () => {
    expect(await call(`${server.url}/healthz`)).to.include({ status: 200 }).and.have.nested.property('body.status', 'ok');
    const ready = await call(`${server.url}/readyz`);
    expect(ready.status).to.equal(200);
    expect(ready.body).to.deep.equal({ status: 'ready', database: 'reachable' });
  });

  it('refuses the API without a valid token, and says how to get one', async () => {
    const none = await call(`${api}/incidents`);
    expect(none.status).to.equal(401);
    expect(none.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect(none.body.error.message).to.contain('muster tokens create <name>');
    const wrong = await call(`${api}/incidents`, { token: 'mst_not-a-real-token' });
    expect(wrong.status).to.equal(401);
    expect(wrong.body.error.code).to.equal('unauthorized');
  });

  it('declares an incident, and the same Idempotency-Key twice makes one incident', async () => {
    const body = { title: 'Checkout errors for EU customers', severity: 'sev2', services: ['checkout'], summary: 'Payments fail with 502.' };
    const first = await call(`${api}/incidents`, { token: server.token, json: body, headers: { 'idempotency-key': 'deploy-42' } });
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ title: body.title, severity: 'SEV2', status: 'triage', private: false, summary: 'Payments fail with 502.' });
    expect(first.body.reference).to.match(/^INC-\d+$/);
    expect(first.body.services).to.deep.equal(['checkout']);
    expect(first.body.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(first.headers.get('location')).to.equal(`/api/v1/incidents/${first.body.reference}`);

    const again = await call(`${api}/incidents`, { token: server.token, json: body, headers: { 'idempotency-key': 'deploy-42' } });
    expect(again.status).to.equal(201);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.body.reference).to.equal(first.body.reference);
    const list = await call(`${api}/incidents`, { token: server.token });
    expect(list.body.incidents.filter((i: { title: string }) => i.title === body.title)).to.have.length(1);
  });

  it('reads an incident, adds a note to its timeline and pages the timeline', async () => {
    const created = await call(`${api}/incidents`, { token: server.token, json: { title: 'Search is slow' } });
    const ref = created.body.reference as string;
    const got = await call(`${api}/incidents/${ref.toLowerCase()}`, { token: server.token });
    expect(got.status).to.equal(200);
    expect(got.body).to.include({ reference: ref, title: 'Search is slow', severity: 'SEV3' });
    expect(got.body.roles, 'an API token is not a person: command stays open for a responder').to.deep.equal([]);
    expect(got.body.durations).to.have.keys('timeToAcknowledge', 'timeToMitigate', 'timeToResolve', 'declarationDelay');

    const note = await call(`${api}/incidents/${ref}/timeline`, { token: server.token, json: { text: 'Index rebuild started.' } });
    expect(note.status).to.equal(201);
    expect(note.body).to.include({ kind: 'note', text: 'Index rebuild started.', source: 'api' });

    const timeline = await call(`${api}/incidents/${ref}/timeline`, { token: server.token });
    const kinds = timeline.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds[0]).to.equal('declared');
    expect(kinds).to.include('note');
    const firstPage = await call(`${api}/incidents/${ref}/timeline?limit=1`, { token: server.token });
    expect(firstPage.body.entries).to.have.length(1);
    const rest = await call(`${api}/incidents/${ref}/timeline?after=${firstPage.body.nextAfter}`, { token: server.token });
    expect(rest.body.entries.map((e: { kind: string }) => e.kind)).to.deep.equal(kinds.slice(1));
  });

  it('filters and pages the incident list', async () => {
    for (const title of ['Paging one', 'Paging two', 'Paging three']) await call(`${api}/incidents`, { token: server.token, json: { title, severity: 'SEV1' } });
    const page = await call(`${api}/incidents?severity=SEV1&limit=2`, { token: server.token });
    expect(page.body.incidents.map((i: { title: string }) => i.title)).to.deep.equal(['Paging three', 'Paging two']);
    const next = await call(`${api}/incidents?severity=SEV1&limit=2&before=${page.body.nextBefore}`, { token: server.token });
    expect(next.body.incidents.map((i: { title: string }) => i.title)).to.deep.equal(['Paging one']);
    const triage = await call(`${api}/incidents?status=triage,investigating`, { token: server.token });
    expect(triage.body.incidents.every((i: { status: string }) => i.status === 'triage')).to.equal(true);
  });

  it('answers 404 for an unknown incident and 400 with a reason for bad input', async () => {
    const missing = await call(`${api}/incidents/INC-99999`, { token: server.token });
    expect(missing.status).to.equal(404);
    expect(missing.body.error).to.deep.include({ code: 'not_found' });
    expect(missing.body.error.message).to.contain('INC-99999');

    const cases: [string, unknown, RegExp][] = [
      ['no title', { severity: 'SEV1' }, /"title" is required/],
      ['unknown severity', { title: 'x', severity: 'SEV9' }, /SEV9.*SEV1, SEV2, SEV3/],
      ['wrong type', { title: 'x', private: 'yes' }, /"private" must be true or false/],
      ['unknown field', { title: 'x', sevrity: 'SEV1' }, /Unknown field "sevrity"/],
    ];
    for (const [what, body, reason] of cases) {
      const answer = await call(`${api}/incidents`, { token: server.token, json: body });
      expect(answer.status, what).to.equal(400);
      expect(answer.body.error.message, what).to.match(reason);
    }
    const broken = await call(`${api}/incidents`, { token: server.token, body: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(broken.status).to.equal(400);
    expect(broken.body.error.message).to.match(/not valid JSON/);
    const badRef = await call(`${api}/incidents/42`, { token: server.token });
    expect(badRef.status).to.equal(400);
    expect(badRef.body.error.message).to.match(/INC-42/);
    const badLimit = await call(`${api}/incidents?limit=zero`, { token: server.token });
    expect(badLimit.status).to.equal(400);
    expect(badLimit.body.error.message).to.match(/"limit" must be a whole number/);
  });

  it('answers 415 for a body that is not JSON and 413 for one that is too large', async () => {
    const form = await call(`${api}/incidents`, { token: server.token, body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).to.equal(415);
    expect(form.body.error.message).to.contain('application/json');
    const huge = await call(`${api}/incidents`, { token: server.token, json: { title: 'big', summary: 'x'.repeat(200_000) } });
    expect(huge.status).to.equal(413);
    expect(huge.body.error.code).to.equal('payload_too_large');
  });

  it('answers unknown paths with 404 and wrong methods with 405, never with a stack trace', async () => {
    const nowhere = await call(`${server.url}/nowhere`);
    expect(nowhere.status).to.equal(404);
    const wrongMethod = await call(`${server.url}/healthz`, { method: 'DELETE' });
    expect(wrongMethod.status).to.equal(405);
    expect(wrongMethod.headers.get('allow')).to.equal('GET');
    for (const answer of [nowhere, wrongMethod]) expect(answer.text).not.to.match(/\n\s+at /);
  });

  it('serves the postmortem as Markdown', async () => {
    const created = await call(`${api}/incidents`, { token: server.token, json: { title: 'Queue backlog', services: ['jobs'] } });
    await call(`${api}/incidents/${created.body.reference}/timeline`, { token: server.token, json: { text: 'Scaled the workers to 12.' } });
    const pm = await call(`${api}/incidents/${created.body.reference}/postmortem`, { token: server.token });
    expect(pm.status).to.equal(200);
    expect(pm.headers.get('content-type')).to.equal('text/markdown; charset=utf-8');
    expect(pm.text).to.contain(`# Postmortem: ${created.body.reference} Queue backlog`);
    expect(pm.text).to.contain('## Timeline');
    expect(pm.text).to.contain('Scaled the workers to 12.');
  });

  it('exposes valid Prometheus metrics: incidents, outbox, request durations by route pattern', async () => {
    await call(`${api}/incidents/INC-1`, { token: server.token });
    const answer = await call(`${server.url}/metrics`);
    expect(answer.status).to.equal(200);
    expect(answer.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const families = parseExposition(answer.text);
    expect([...families.keys()]).to.include.members([
      'muster_incidents', 'muster_http_request_duration_seconds', 'muster_outbox_depth', 'muster_outbox_dead_letters', 'muster_outbox_processed_total', 'process_start_time_seconds',
    ]);
    const incidents = families.get('muster_incidents')!;
    expect(incidents.type).to.equal('gauge');
    const triageSev1 = incidents.samples.find((s) => s.labels.status === 'triage' && s.labels.severity === 'SEV1');
    expect(triageSev1?.value).to.equal(3);
    const routes = new Set(families.get('muster_http_request_duration_seconds')!.samples.map((s) => s.labels.route));
    expect(routes).to.include('/api/v1/incidents/:ref');
    expect([...routes].some((r) => r.includes('INC-'))).to.equal(false);
    expect(families.get('muster_outbox_processed_total')!.samples.map((s) => s.labels.outcome)).to.have.members(['done', 'retried', 'dead']);
  });

  it('finishes a request in flight when stopped, and refuses new connections meanwhile', async () => {
    const dir2 = tempDir('graceful');
    const other = await startInProcess(dir2);
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => { release = r; });
      let entered!: () => void;
      const inHandler = new Promise<void>((r) => { entered = r; });
      other.running.http.router.mount('GET', '/slow', async (_req, res) => {
        entered();
        await gate;
        res.writeHead(200, { 'content-type': 'text/plain' }).end('finished');
      });
      const slow = call(`${other.url}/slow`);
      await inHandler;
      const stopped = other.stop();
      await expectRefused(`${other.url}/healthz`);
      release();
      const answer = await slow;
      expect(answer.status).to.equal(200);
      expect(answer.text).to.equal('finished');
      await stopped;
    } finally {
      await other.stop();
      removeDir(dir2);
    }
  });
});

/** Waits until the closing server refuses new connections (close() takes effect on the next tick). */
async function expectRefused(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await fetch(url, { headers: { connection: 'close' } });
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} still accepted connections while the server was stopping`);
}
