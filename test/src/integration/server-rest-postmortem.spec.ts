import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { SERVER_TOKENS, type OutboxPump } from '@muster/server';
import { call, removeDir, startRestServer, type InProcessServer } from './server-support';

/** The postmortem over REST as on the dashboard: its sections as JSON, an edit from a revision, the review. */
describe('server: REST postmortem — sections as JSON, edits by revision, review (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;
  let api: string;
  let foreign: string;
  let readOnly: string;
  const send = (method: string, path: string, json?: unknown, token = server.token, headers: Record<string, string> = {}) => call(`${api}/${path}`, { method, token, json, headers });
  const declare = async (title: string) => (await send('POST', 'incidents', { title })).body as { reference: string };
  const sections = async (reference: string, token = server.token) => (await send('GET', `incidents/${reference}/postmortem`, undefined, token, { accept: 'application/json' })).body;
  const notes = async (reference: string) => ((await send('GET', `incidents/${reference}/timeline`)).body.entries as { text: string }[]).map((e) => e.text).filter((t) => /^Postmortem/.test(t));

  before(async () => {
    ({ dir, server, api, foreign, readOnly } = await startRestServer('rest-postmortem'));
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('answers Markdown by default and the sections as JSON on request', async () => {
    const { reference } = await declare('Postmortem formats');
    const markdown = await send('GET', `incidents/${reference}/postmortem`);
    expect(markdown.status).to.equal(200);
    expect(markdown.headers.get('content-type')).to.match(/^text\/markdown/);
    expect(markdown.headers.get('vary')).to.equal('Accept');
    expect(markdown.text).to.include('Postmortem formats');
    expect((await send('GET', `incidents/${reference}/postmortem`, undefined, server.token, { accept: 'text/markdown, application/json;q=0.5' })).headers.get('content-type')).to.match(/^text\/markdown/);
    const doc = await sections(reference);
    expect(doc).to.deep.include({ reference, state: 'draft' });
    expect(doc.sections.map((s: { key: string }) => s.key)).to.deep.equal(['summary', 'impact', 'contributing_factors', 'went_well', 'went_badly', 'suggested_actions']);
    expect(doc.sections[0]).to.deep.equal({ key: 'summary', title: 'Summary', body: '', origin: 'empty', revision: 0, editedBy: null });
    expect((await send('GET', `incidents/${reference}/postmortem`, undefined, readOnly, { accept: 'application/json' })).status, 'a read-only token may read').to.equal(200);
  });

  it('edits a section from its revision, on the timeline and in the Markdown; a stale revision is 409 and a replay edits once', async () => {
    const { reference } = await declare('Section edits');
    const text = 'The disk filled up <img src=x onerror=alert(1)> and <script>alert(2)</script>.';
    const key = randomUUID();
    const put = () => send('PUT', `incidents/${reference}/postmortem/sections/summary`, { body: text, revision: 0 }, server.token, { 'idempotency-key': key });
    const first = await put();
    expect(first.status).to.equal(200);
    const summary = first.body.sections.find((s: { key: string }) => s.key === 'summary');
    expect(summary).to.deep.include({ body: text, origin: 'human', revision: 1 });
    expect(summary.editedBy.platform).to.equal('api');
    const replay = await put();
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.body).to.deep.equal(first.body);
    expect(await notes(reference), 'one edit on the timeline').to.deep.equal(['Postmortem section "Summary" edited.']);
    const markdown = (await send('GET', `incidents/${reference}/postmortem`)).text;
    expect(markdown).to.include('The disk filled up');
    expect(markdown, 'the Markdown neutralises markup in a section').not.to.include('<script>');

    const stale = await send('PUT', `incidents/${reference}/postmortem/sections/summary`, { body: 'Written over an old copy', revision: 0 });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('conflict');
    expect(stale.body.error.message).to.match(new RegExp(`"summary" was changed by .* so your edit was not saved. GET /api/v1/incidents/${reference}/postmortem with "Accept: application/json"`));
    expect((await sections(reference)).sections[0]).to.deep.include({ body: text, revision: 1 });
    const cleared = await send('PUT', `incidents/${reference}/postmortem/sections/summary`, { body: '', revision: 1 });
    expect(cleared.body.sections[0]).to.deep.include({ body: '', revision: 2 });
  });

  it('refuses malformed edits with 400, an unknown section with 404, and changes nothing', async () => {
    const { reference } = await declare('Bad section edits');
    const path = `incidents/${reference}/postmortem/sections/impact`;
    const cases: [string, unknown, number, RegExp][] = [
      [path, { body: 'x'.repeat(3001), revision: 0 }, 400, /at most 3000 characters/], [path, { body: 3, revision: 0 }, 400, /"body" is required/],
      [path, { body: 'x' }, 400, /"revision" is required/], [path, { body: 'x', revision: '0' }, 400, /"revision"/], [path, { body: 'x', revision: 0, state: 'published' }, 400, /Unknown field "state"/],
      [`incidents/${reference}/postmortem/sections/timeline`, { body: 'x', revision: 0 }, 404, /no section "timeline"; its sections are summary, impact/],
      [`incidents/${reference}/postmortem/sections/%3Cscript%3E`, { body: 'x', revision: 0 }, 404, /no section by that name/],
    ];
    for (const [target, body, status, reason] of cases) {
      const answer = await send('PUT', target, body);
      expect(answer.status, `${target} ${JSON.stringify(body).slice(0, 50)}`).to.equal(status);
      expect(answer.body.error.message).to.match(reason);
      expect(answer.text).not.to.include('<script>');
    }
    const surrogate = await call(`${api}/${path}`, { method: 'PUT', token: server.token, body: '{"body":"\\udc00","revision":0}', headers: { 'content-type': 'application/json' } });
    expect(surrogate.status).to.equal(400);
    expect((await sections(reference)).sections.every((s: { revision: number }) => s.revision === 0)).to.equal(true);
    expect(await notes(reference)).to.deep.equal([]);
  });

  it('marks the postmortem reviewed only in the postmortem stage, once; the review says what to do next', async () => {
    const { reference } = await declare('Review walk');
    const early = await send('POST', `incidents/${reference}/postmortem/review`, {});
    expect(early.status).to.equal(409);
    expect(early.body.error.message).to.equal(`${reference} is triage, not in its postmortem stage, so its postmortem cannot be marked reviewed; start its postmortem stage first with POST /api/v1/incidents/${reference}/transitions {"action": "postmortem"} (once it is resolved).`);
    expect((await send('POST', `incidents/${reference}/postmortem/review`, { reviewed: true })).status).to.equal(400);
    for (const action of ['resolve', 'postmortem']) expect((await send('POST', `incidents/${reference}/transitions`, { action })).status, action).to.equal(200);
    expect((await send('GET', `incidents/${reference}`)).body.status).to.equal('postmortem');

    const reviewed = await send('POST', `incidents/${reference}/postmortem/review`, {});
    expect(reviewed.status).to.equal(200);
    expect(reviewed.body.state).to.equal('published');
    expect(await notes(reference)).to.deep.equal(['Postmortem marked reviewed.']);
    const twice = await send('POST', `incidents/${reference}/postmortem/review`, {});
    expect(twice.status).to.equal(409);
    expect(twice.body.error.message).to.match(/already marked reviewed; close the incident with POST .*\/transitions \{"action": "close"\}/);
    expect((await send('POST', `incidents/${reference}/transitions`, { action: 'close' })).body.status).to.equal('closed');
  });

  it('answers another tenant 404 and a read-only token 403 on every postmortem route; nothing changes', async () => {
    const { reference } = await declare('Guarded postmortem');
    await send('POST', `incidents/${reference}/transitions`, { action: 'resolve' });
    await send('POST', `incidents/${reference}/transitions`, { action: 'postmortem' });
    // Resolving drafts the narrative in the background: let that land first, so only outsiders could change it.
    await server.running.container.get<OutboxPump>(SERVER_TOKENS.OutboxPump).drainUntilIdle();
    const before = await sections(reference);
    const writes: [string, string, unknown][] = [
      ['PUT', `incidents/${reference}/postmortem/sections/summary`, { body: 'From outside', revision: 0 }], ['POST', `incidents/${reference}/postmortem/review`, {}],
    ];
    for (const [method, path, body] of [['GET', `incidents/${reference}/postmortem`, undefined] as [string, string, unknown], ...writes]) {
      const answer = await send(method, path, body, foreign, { accept: 'application/json' });
      expect(answer.status, `foreign ${method} ${path}`).to.equal(404);
      expect(answer.text).not.to.include('Guarded postmortem');
    }
    for (const [method, path, body] of writes) {
      const answer = await send(method, path, body, readOnly);
      expect(answer.status, `read-only ${method} ${path}`).to.equal(403);
      expect(answer.body.error.code).to.equal('insufficient_scope');
    }
    expect(before.state).to.equal('in_review');
    expect(await sections(reference), 'neither edited nor reviewed').to.deep.equal(before);
    expect(await notes(reference)).to.deep.equal([]);
  });
});
