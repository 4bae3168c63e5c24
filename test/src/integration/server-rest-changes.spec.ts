import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

describe('server: REST changes — lifecycle, severity, roles, action items, status updates, OpenAPI (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;
  let api: string;
  const declare = async (title: string, extra: Record<string, unknown> = {}) => (await call(`${api}/incidents`, { token: server.token, json: { title, ...extra } })).body;
  const send = (method: string, path: string, json?: unknown) => call(`${api}/${path}`, { method, token: server.token, json });
  const noChatSpeak = (message: string) => expect(message).not.to.match(/`|\/incident |\broom\b/);

  before(async () => {
    dir = tempDir('rest-changes');
    server = await startInProcess(dir);
    api = `${server.url}/api/v1`;
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('walks the lifecycle: acknowledge, mitigate, resolve, reopen, resolve, close', async () => {
    const { reference } = await declare('Lifecycle walk');
    const statuses: string[] = [];
    for (const action of ['acknowledge', 'mitigate', 'resolve', 'reopen', 'resolve', 'close']) {
      const answer = await send('POST', `incidents/${reference}/transitions`, { action, reason: `step ${action}` });
      expect(answer.status, action).to.equal(200);
      statuses.push(answer.body.status);
    }
    expect(statuses).to.deep.equal(['investigating', 'mitigated', 'resolved', 'investigating', 'resolved', 'closed']);
    const timeline = await send('GET', `incidents/${reference}/timeline`);
    expect(timeline.body.entries.filter((e: { kind: string }) => e.kind === 'status_change')).to.have.length(6);
  });

  it('declines an incident, and refuses a transition that does not apply with 409 in API words', async () => {
    const { reference } = await declare('Decline me');
    expect((await send('POST', `incidents/${reference}/transitions`, { action: 'decline' })).body.status).to.equal('declined');
    const other = await declare('Already acknowledged');
    await send('POST', `incidents/${other.reference}/transitions`, { action: 'acknowledge' });
    const again = await send('POST', `incidents/${other.reference}/transitions`, { action: 'acknowledge' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('invalid_transition');
    noChatSpeak(again.body.error.message);
  });

  it('refuses an unknown action or field with 400 naming it, and changes nothing', async () => {
    const { reference } = await declare('Bad transition');
    const cases: [unknown, RegExp][] = [[{ action: 'finish' }, /"action" is required: one of acknowledge, mitigate/], [{}, /"action"/], [{ action: 'resolve', why: 'x' }, /Unknown field "why"/]];
    for (const [body, reason] of cases) {
      const answer = await send('POST', `incidents/${reference}/transitions`, body);
      expect(answer.status).to.equal(400);
      expect(answer.body.error.message).to.match(reason);
    }
    expect((await send('GET', `incidents/${reference}`)).body.status).to.equal('triage');
  });

  it('changes the severity, and refuses an unknown one with the choices', async () => {
    const { reference } = await declare('Severity change');
    const changed = await send('PUT', `incidents/${reference}/severity`, { severity: 'sev1' });
    expect(changed.status).to.equal(200);
    expect(changed.body.severity).to.equal('SEV1');
    const unknown = await send('PUT', `incidents/${reference}/severity`, { severity: 'SEV9' });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.message).to.match(/SEV9.*SEV1, SEV2, SEV3|SEV1, SEV2, SEV3.*SEV9/);
  });

  it('assigns a role to a person given as {platform, id}; a token administers its own tenant only: another tenant\'s token gets 404 and changes nothing', async () => {
    const { reference } = await declare('Role assignment');
    const bad = await send('PUT', `incidents/${reference}/roles/commander`, { person: { platform: 'api', id: 'x' } });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.message).to.match(/"person.platform" must be one of slack, teams, console/);
    const noRole = await send('PUT', `incidents/${reference}/roles/janitor`, { person: { platform: 'slack', id: 'U1' } });
    expect(noRole.status).to.equal(400);
    expect(noRole.body.error.message).to.match(/no role "janitor"/);

    const assigned = await send('PUT', `incidents/${reference}/roles/commander`, { person: { platform: 'slack', id: 'U042', name: 'Grace' } });
    expect(assigned.status).to.equal(200);
    expect(assigned.body.roles).to.deep.include({ role: 'commander', person: { platform: 'slack', id: 'U042', name: 'Grace' }, assignedAt: assigned.body.roles[0].assignedAt });
    const { token: foreign } = await server.store.apiTokens.create('globex-ci', { tenantId: 'globex' });
    for (const [method, path, json] of [
      ['GET', `incidents/${reference}`], ['GET', `incidents/${reference}/timeline`], ['GET', `incidents/${reference}/postmortem`],
      ['GET', `incidents/${reference}/action-items`], ['GET', `incidents/${reference}/status-updates`],
      ['POST', `incidents/${reference}/transitions`, { action: 'resolve' }], ['PUT', `incidents/${reference}/severity`, { severity: 'SEV1' }],
      ['POST', `incidents/${reference}/timeline`, { text: 'from another tenant' }], ['POST', `incidents/${reference}/action-items`, { text: 'x' }],
    ] as const) {
      const answer = await call(`${api}/${path}`, { method, token: foreign, json });
      expect(answer.status, `${method} ${path}`).to.equal(404);
      expect(JSON.stringify(answer.body)).not.to.include('Role assignment');
      noChatSpeak(answer.body.error.message);
    }
    const listed = await call(`${api}/incidents`, { token: foreign });
    expect(listed.body.incidents, 'another tenant lists none of ours').to.deep.equal([]);
    const timeline = await send('GET', `incidents/${reference}/timeline`);
    expect(JSON.stringify(timeline.body)).not.to.include('from another tenant');
    expect((await send('GET', `incidents/${reference}`)).body.status, 'nothing changed').to.equal('triage');
    // The tenant's own token is its administrator: it may act although it holds no role.
    const resolved = await send('POST', `incidents/${reference}/transitions`, { action: 'resolve' });
    expect(resolved.status).to.equal(200);
  });

  it('lists, adds, reassigns and completes action items', async () => {
    const { reference } = await declare('Follow-ups');
    expect((await send('GET', `incidents/${reference}/action-items`)).body.actionItems).to.deep.equal([]);
    const added = await send('POST', `incidents/${reference}/action-items`, { text: 'Add an alert on queue depth', owner: { platform: 'slack', id: 'U7', name: 'Ada' } });
    expect(added.status).to.equal(201);
    expect(added.body).to.include({ text: 'Add an alert on queue depth', state: 'open' });
    expect(added.body.owner).to.deep.equal({ platform: 'slack', id: 'U7', name: 'Ada' });
    const plain = await send('POST', `incidents/${reference}/action-items`, { text: 'Write the runbook' });
    expect(plain.body.owner).to.equal(null);

    const reassigned = await send('PATCH', `incidents/${reference}/action-items/${plain.body.id}`, { owner: { platform: 'teams', id: 'aad-1' } });
    expect(reassigned.status).to.equal(200);
    expect(reassigned.body.owner).to.deep.equal({ platform: 'teams', id: 'aad-1', name: null });
    const done = await send('PATCH', `incidents/${reference}/action-items/${added.body.id}`, { state: 'done' });
    expect(done.body.state).to.equal('done');
    const twice = await send('PATCH', `incidents/${reference}/action-items/${added.body.id}`, { state: 'done' });
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('invalid_state');

    const list = await send('GET', `incidents/${reference}/action-items`);
    expect(list.body.actionItems.map((i: { text: string; state: string }) => `${i.text}:${i.state}`)).to.have.members(['Add an alert on queue depth:done', 'Write the runbook:open']);
  });

  it('gives an action item a due date, moves it and clears it; refuses one in the past or unreadable', async () => {
    const { reference } = await declare('Due follow-ups');
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const added = await send('POST', `incidents/${reference}/action-items`, { text: 'Rotate the key', dueAt });
    expect(added.status).to.equal(201);
    expect(added.body.dueAt).to.equal(dueAt);
    const later = new Date(Date.now() + 5 * 86_400_000).toISOString();
    expect((await send('PATCH', `incidents/${reference}/action-items/${added.body.id}`, { dueAt: later })).body.dueAt).to.equal(later);
    expect((await send('PATCH', `incidents/${reference}/action-items/${added.body.id}`, { dueAt: null })).body.dueAt).to.equal(null);
    const past = await send('POST', `incidents/${reference}/action-items`, { text: 'Too late', dueAt: '2020-01-01T00:00:00Z' });
    expect(past.status).to.equal(400);
    expect(past.body.error.message).to.match(/future/);
    const unreadable = await send('POST', `incidents/${reference}/action-items`, { text: 'When?', dueAt: 'next week' });
    expect(unreadable.status).to.equal(400);
    expect(unreadable.body.error.message).to.match(/"dueAt" must be an ISO 8601 date-time/);
    const list = await send('GET', `incidents/${reference}/action-items`);
    expect(list.body.actionItems.map((i: { text: string }) => i.text), 'nothing was added by a refused request').to.deep.equal(['Rotate the key']);
  });

  it('does not let an action item be changed through another incident', async () => {
    const one = await declare('Items one');
    const two = await declare('Items two');
    const item = (await send('POST', `incidents/${one.reference}/action-items`, { text: 'Belongs to one' })).body;
    const answer = await send('PATCH', `incidents/${two.reference}/action-items/${item.id}`, { state: 'done' });
    expect(answer.status).to.equal(404);
    expect((await send('GET', `incidents/${one.reference}/action-items`)).body.actionItems[0].state).to.equal('open');
    const empty = await send('PATCH', `incidents/${one.reference}/action-items/${item.id}`, {});
    expect(empty.status).to.equal(400);
    expect(empty.body.error.message).to.match(/"state": "done"/);
  });

  it('lists status updates', async () => {
    const { reference } = await declare('Updates');
    const answer = await send('GET', `incidents/${reference}/status-updates`);
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.equal({ reference, statusUpdates: [] });
  });

  it('answers concurrent changes to one incident with 200 or 409, never 5xx', async () => {
    const { reference } = await declare('Contended');
    const answers = await Promise.all(['SEV1', 'SEV2', 'SEV3', 'SEV1', 'SEV2', 'SEV3'].map((severity) => send('PUT', `incidents/${reference}/severity`, { severity })));
    for (const answer of answers) {
      expect([200, 409]).to.include(answer.status);
      if (answer.status === 409) expect(answer.body.error.code).to.equal('conflict');
    }
    expect(answers.some((a) => a.status === 200)).to.equal(true);
  });

  it('says in the declare answer that no room will open without a home platform', async () => {
    const declared = await call(`${api}/incidents`, { token: server.token, json: { title: 'Where is my room', severity: 'SEV1' } });
    expect(declared.body.room).to.deep.include({ willOpen: false, platform: null, workspaceId: null });
    expect(declared.body.room.reason).to.match(/homePlatform and homeWorkspaceId/);
    expect((await send('GET', `incidents/${declared.body.reference}`)).body).not.to.have.property('room');
  });

  it('serves an OpenAPI 3.1 document describing every API route, with error bodies', async () => {
    const answer = await call(`${api}/openapi.json`);
    expect(answer.status).to.equal(200);
    const doc = answer.body;
    expect(doc.openapi).to.equal('3.1.0');
    const routes = server.running.http.router.list().filter((r) => r.pattern.startsWith('/api/'));
    expect(routes.length).to.be.greaterThan(12);
    for (const { method, pattern } of routes) {
      const path = pattern.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${pattern}`).to.be.an('object');
      expect(Object.keys(operation.responses).some((s) => s.startsWith('2')), `${method} ${pattern} success`).to.equal(true);
      if (path !== '/api/v1/openapi.json') expect(operation.responses['404'].content['application/json'].schema.$ref).to.equal('#/components/schemas/Error');
      for (const [status, response] of Object.entries(operation.responses) as [string, { content?: Record<string, { schema: { $ref?: string } }> }][]) {
        const schema = response.content?.['application/json']?.schema.$ref;
        if (schema) expect(doc.components.schemas[schema.split('/').pop()!], `${method} ${pattern} ${status}`).to.be.an('object');
      }
    }
  });
});

describe('server: REST declare with a home platform (SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let server: InProcessServer;

  before(async () => {
    dir = tempDir('rest-home');
    writeFileSync(join(dir, 'muster.yaml'), 'homePlatform: slack\nhomeWorkspaceId: T0HOME\n');
    server = await startInProcess(dir);
  });
  after(async () => {
    await server?.stop();
    removeDir(dir);
  });

  it('says where the room opens', async () => {
    const sev1 = await call(`${server.url}/api/v1/incidents`, { token: server.token, json: { title: 'Home room', severity: 'SEV1' } });
    expect(sev1.status).to.equal(201);
    expect(sev1.body.room).to.deep.include({ willOpen: true, platform: 'slack', workspaceId: 'T0HOME' });
    expect(sev1.body.room.reason).to.match(/opens on slack/);
  });
});
