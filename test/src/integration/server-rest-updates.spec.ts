import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import fc from 'fast-check';
import { TOKENS, type InboundPort, type RequestContext } from '@muster/core';
import { call, removeDir, startInProcess, startRestServer, tempDir, type ApiAnswer, type InProcessServer } from './server-support';

/** Status updates over REST as on the dashboard: write, edit and approve naming the version, reject, ask for an AI draft. */
describe('server: REST status updates — drafts, edits, approval by version, rejection (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;
  let api: string;
  let foreign: string;
  let readOnly: string;
  const send = (method: string, path: string, json?: unknown, token = server.token, key?: string) =>
    call(`${api}/${path}`, { method, token, json, headers: key ? { 'idempotency-key': key } : {} });
  const declare = async (title: string) => (await send('POST', 'incidents', { title })).body as { reference: string };
  const updatesOf = async (reference: string) => (await send('GET', `incidents/${reference}/status-updates`)).body.statusUpdates as { id: string; state: string; body: string; version: number }[];
  const timelineTexts = async (reference: string) => ((await send('GET', `incidents/${reference}/timeline`)).body.entries as { text: string }[]).map((e) => e.text);
  const write = async (reference: string, body = 'Checkout is failing for some customers; we are on it.', audience = 'internal') =>
    (await send('POST', `incidents/${reference}/status-updates`, { audience, body })).body as { id: string; version: number };

  before(async () => {
    ({ dir, server, api, foreign, readOnly } = await startRestServer('rest-updates'));
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('writes a draft that awaits approval, on the timeline; a hostile body is stored as text; a replay makes no second draft', async () => {
    const { reference } = await declare('Updates written by hand');
    const key = randomUUID();
    const text = 'We see errors <script>alert(1)</script><img src=x onerror=alert(2)>';
    const first = await send('POST', `incidents/${reference}/status-updates`, { audience: 'external', body: text }, server.token, key);
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ audience: 'external', state: 'pending_approval', body: text });
    expect(first.body.author).to.deep.include({ kind: 'person', model: null });
    expect(first.body.author.person.platform).to.equal('api');
    expect(first.headers.get('location')).to.equal(`/api/v1/incidents/${reference}/status-updates/${first.body.id}`);
    expect((await send('GET', first.headers.get('location')!.replace('/api/v1/', ''))).body, 'the Location answers the draft').to.deep.equal(first.body);
    const replay = await send('POST', `incidents/${reference}/status-updates`, { audience: 'external', body: text }, server.token, key);
    expect(replay.status).to.equal(201);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.body).to.deep.equal(first.body);
    expect((await updatesOf(reference)).map((u) => u.id), 'one draft, not two').to.deep.equal([first.body.id]);
    expect((await timelineTexts(reference)).filter((t) => /External update drafted by/.test(t))).to.have.length(1);
  });

  it('edits a draft only from the version read: a stale version is 409 saying so, and changes nothing', async () => {
    const { reference } = await declare('Edit by version');
    const draft = await write(reference);
    const stale = await send('PATCH', `incidents/${reference}/status-updates/${draft.id}`, { body: 'Overwritten?', version: draft.version + 1 });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('conflict');
    expect(stale.body.error.message).to.match(new RegExp(`is at version ${draft.version}, not the version ${draft.version + 1}.*not saved.*GET /api/v1/incidents/${reference}/status-updates`));
    expect((await updatesOf(reference))[0].body).to.equal('Checkout is failing for some customers; we are on it.');

    const edited = await send('PATCH', `incidents/${reference}/status-updates/${draft.id}`, { body: 'Checkout recovered for most customers.', version: draft.version });
    expect(edited.status).to.equal(200);
    expect(edited.body).to.include({ body: 'Checkout recovered for most customers.', state: 'pending_approval' });
    expect(edited.body.version).to.be.greaterThan(draft.version);
    const again = await send('PATCH', `incidents/${reference}/status-updates/${draft.id}`, { body: 'Edit over the old copy', version: draft.version });
    expect(again.status, 'the version read before the edit is stale now').to.equal(409);
  });

  it('approves only the version read; a replay answers the same and a second approval is refused', async () => {
    const { reference } = await declare('Approve by version');
    const draft = await write(reference);
    const edited = (await send('PATCH', `incidents/${reference}/status-updates/${draft.id}`, { body: 'Second wording.', version: draft.version })).body;
    const stale = await send('POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: draft.version });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.message).to.match(/not approved/);
    expect((await updatesOf(reference))[0].state, 'a stale approval approves nothing').to.equal('pending_approval');

    const key = randomUUID();
    const approved = await send('POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: edited.version }, server.token, key);
    expect(approved.status).to.equal(200);
    expect(approved.body.state).to.equal('approved');
    expect(approved.body.decidedBy.platform).to.equal('api');
    const replay = await send('POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: edited.version }, server.token, key);
    expect(replay.body).to.deep.equal(approved.body);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    // Publishing may move the version on meanwhile; either way a second approval is refused.
    const current = (await updatesOf(reference))[0];
    const twice = await send('POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: current.version });
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.be.oneOf(['invalid_state', 'conflict']);
    expect(((await updatesOf(reference))[0] as unknown as { decidedAt: string }).decidedAt, 'decided once').to.equal(approved.body.decidedAt);
    const noEdit = await send('PATCH', `incidents/${reference}/status-updates/${draft.id}`, { body: 'After approval', version: approved.body.version });
    expect(noEdit.status, 'an approved update is no longer a draft').to.equal(409);
  });

  it('rejects a draft with a reason, on the timeline; a rejected draft cannot then be approved', async () => {
    const { reference } = await declare('Reject a draft');
    const draft = await write(reference);
    const rejected = await send('POST', `incidents/${reference}/status-updates/${draft.id}/rejection`, { reason: 'Too vague' });
    expect(rejected.status).to.equal(200);
    expect(rejected.body).to.include({ state: 'rejected', rejectionReason: 'Too vague' });
    expect(await timelineTexts(reference)).to.include('Internal update draft rejected: Too vague.');
    const approve = await send('POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: rejected.body.version });
    expect(approve.status).to.equal(409);
    expect((await updatesOf(reference))[0].state).to.equal('rejected');
  });

  it('refuses an AI draft with 409 in API words when the incident has no chat room, and queues nothing', async () => {
    const { reference } = await declare('No room for drafts');
    const answer = await send('POST', `incidents/${reference}/status-updates`, { audience: 'internal' });
    expect(answer.status).to.equal(409);
    expect(answer.body.error.message).to.equal(`${reference} has no chat room, where an AI draft is put up for approval; send "body" to write the update yourself.`);
    expect(await updatesOf(reference)).to.deep.equal([]);
  });

  it('refuses malformed bodies with 400 naming the field, and changes nothing', async () => {
    const { reference } = await declare('Malformed update bodies');
    const draft = await write(reference);
    const path = `incidents/${reference}/status-updates`;
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', path, { body: 42 }, /"body" is required/], ['POST', path, { body: '   ' }, /"body" is required/],
      ['POST', path, { body: 'x'.repeat(3001) }, /"body" must be at most 3000 characters/], ['POST', path, { audience: 'everyone', body: 'x' }, /"audience" must be one of internal, external/],
      ['POST', path, { body: 'x', html: '<b>' }, /Unknown field "html"/], ['POST', path, [], /JSON object|object/],
      ['PATCH', `${path}/${draft.id}`, { body: 'x' }, /"version" is required/], ['PATCH', `${path}/${draft.id}`, { body: 'x', version: '0' }, /"version" is required/],
      ['PATCH', `${path}/${draft.id}`, { body: 'x', version: -1 }, /"version"/], ['PATCH', `${path}/${draft.id}`, { body: 'x', version: 0.5 }, /"version"/],
      ['POST', `${path}/${draft.id}/approval`, {}, /"version" is required/], ['POST', `${path}/${draft.id}/approval`, { version: 0, by: 'me' }, /Unknown field "by"/],
      ['POST', `${path}/${draft.id}/rejection`, { reason: 7 }, /"reason" must be a text/], ['POST', `${path}/${draft.id}/rejection`, { reason: 'x'.repeat(501) }, /at most 500/],
    ];
    for (const [method, target, body, reason] of cases) {
      const answer = await send(method, target, body);
      expect(answer.status, `${method} ${target} ${JSON.stringify(body).slice(0, 60)}`).to.equal(400);
      expect(answer.body.error.message).to.match(reason);
    }
    const surrogate = await call(`${api}/${path}/${draft.id}`, { method: 'PATCH', token: server.token, body: '{"body":"broken \\ud800 text","version":0}', headers: { 'content-type': 'application/json' } });
    expect(surrogate.status).to.equal(400);
    expect(surrogate.body.error.message).to.match(/lone UTF-16 surrogate/);
    // Any JSON that is not a well-formed edit is a 4xx, never a 5xx.
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), async (body) => {
      const answer = await send('PATCH', `${path}/${draft.id}`, body);
      expect(answer.status, JSON.stringify(body)).to.be.within(400, 499);
    }), { numRuns: 25 });
    const [after] = await updatesOf(reference);
    expect(after).to.include({ body: 'Checkout is failing for some customers; we are on it.', state: 'pending_approval', version: draft.version });
  });

  it('answers another tenant 404 on every route, an update reached through another incident 404, a read-only token 403; none changes anything', async () => {
    const { reference } = await declare('Guarded updates');
    const other = await declare('Other incident');
    const draft = await write(reference);
    const routes: [string, string, unknown][] = [
      ['GET', `incidents/${reference}/status-updates`, undefined], ['POST', `incidents/${reference}/status-updates`, { body: 'From outside' }],
      ['GET', `incidents/${reference}/status-updates/${draft.id}`, undefined],
      ['PATCH', `incidents/${reference}/status-updates/${draft.id}`, { body: 'From outside', version: draft.version }],
      ['POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: draft.version }],
      ['POST', `incidents/${reference}/status-updates/${draft.id}/rejection`, { reason: 'From outside' }],
    ];
    const expectRefused = (answer: ApiAnswer, status: number, label: string) => {
      expect(answer.status, label).to.equal(status);
      expect(answer.text, label).not.to.include('Guarded updates');
    };
    for (const [method, path, body] of routes) expectRefused(await send(method, path, body, foreign), 404, `foreign ${method} ${path}`);
    for (const [method, path, body] of routes.slice(2)) {
      expectRefused(await send(method, path.replace(reference, other.reference), body), 404, `through ${other.reference}: ${method} ${path}`);
    }
    for (const [method, path, body] of routes.filter(([method]) => method !== 'GET')) {
      const answer = await send(method, path, body, readOnly);
      expectRefused(answer, 403, `read-only ${method} ${path}`);
      expect(answer.body.error.code).to.equal('insufficient_scope');
    }
    for (const [, path] of routes.filter(([method]) => method === 'GET')) expect((await send('GET', path, undefined, readOnly)).status, `read-only may read ${path}`).to.equal(200);
    const updates = await updatesOf(reference);
    expect(updates).to.have.length(1);
    expect(updates[0]).to.include({ state: 'pending_approval', body: 'Checkout is failing for some customers; we are on it.' });
    expect(await updatesOf(other.reference)).to.deep.equal([]);
    expect(JSON.stringify(await timelineTexts(reference))).not.to.include('From outside');
  });
});

describe('server: REST AI status-update drafts for an incident with a room (SQLite, console chat)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;

  before(async () => {
    dir = tempDir('rest-ai-draft');
    const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
    server = await startInProcess(dir, { MUSTER_CONSOLE: 'on' }, { consoleOutput: quiet, consoleColor: false });
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('asks for a draft (202), which then awaits approval in the list, written by the summarizer at the token\'s request', async () => {
    const ctx: RequestContext = {
      actor: { platform: 'console', id: 'ada', name: 'ada' }, platform: 'console', workspaceId: 'local',
      conversation: { platform: 'console', workspaceId: 'local', conversationId: 'incidents' }, idempotencyKey: `test:${randomUUID()}`,
    };
    await server.running.container.get<InboundPort>(TOKENS.InboundPort).command(ctx, '/incident declare "Queue backlog growing" --sev SEV1');
    const incident = await waitFor(async () => {
      const found = (await call(`${server.url}/api/v1/incidents?q=queue%20backlog`, { token: server.token })).body.incidents[0];
      return found?.links.rooms.length ? found : undefined;
    });

    const ask = () => call(`${server.url}/api/v1/incidents/${incident.reference}/status-updates`, { token: server.token, json: { audience: 'internal' }, headers: { 'idempotency-key': 'ask-once' } });
    const asked = await ask();
    expect(asked.status).to.equal(202);
    expect(asked.body).to.include({ reference: incident.reference, audience: 'internal', state: 'requested' });
    const replay = await ask();
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.body).to.deep.equal(asked.body);
    const draft = await waitForDraft(server, incident.reference);
    expect(draft).to.deep.include({ audience: 'internal', state: 'pending_approval' });
    expect(draft.author.kind).to.equal('ai');
    expect(draft.author.person.platform).to.equal('api');
  });
});

/** Polls the list until the drafting job has stored its draft (the outbox runs it in the background). */
const waitForDraft = (server: InProcessServer, reference: string) => waitFor(async () =>
  (await call(`${server.url}/api/v1/incidents/${reference}/status-updates`, { token: server.token })).body.statusUpdates[0] as { audience: string; state: string; author: { kind: string; person: { platform: string } } } | undefined);

/** Asks until there is an answer (background work finishing); the suite's timeout bounds it. */
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setImmediate(r));
  }
}
