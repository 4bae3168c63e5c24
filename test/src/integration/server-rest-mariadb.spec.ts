import { expect } from 'chai';
import { call, createMariaDbDatabase, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';
import { postRaw, rawPost } from './rest-support';

describe('server: REST edge on MariaDB — surrogates, idempotency, oversized bodies, the dashboard routes', function () {
  this.timeout(60_000);
  let dir: string;
  let database: { name: string; drop(): Promise<void> };
  let server: InProcessServer;
  let api: string;

  before(async () => {
    dir = tempDir('rest-mariadb');
    database = await createMariaDbDatabase();
    server = await startInProcess(dir, { MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:3306/${database.name}`, MUSTER_AUTO_MIGRATE: 'true' });
    api = `${server.url}/api/v1`;
  });
  after(async () => {
    await server?.stop();
    await database?.drop();
    removeDir(dir);
  });

  it('answers a lone surrogate with 400 naming the field, not 500, and stores nothing', async () => {
    const answer = await postRaw(`${api}/incidents`, server.token, '{"title":"ok","services":["x\\ud800y"]}');
    expect(answer.status).to.equal(400);
    expect(answer.body.error.message).to.match(/"services\[0\]" contains a lone UTF-16 surrogate/);
    const note = await postRaw(`${api}/incidents`, server.token, '{"title":"fine"}');
    const onNote = await postRaw(`${api}/incidents/${note.body.reference}/timeline`, server.token, '{"text":"half \\udfff"}');
    expect(onNote.status).to.equal(400);
    expect((await call(`${api}/incidents`, { token: server.token })).body.incidents.map((i: { title: string }) => i.title)).to.deep.equal(['fine']);
  });

  it('stores emoji as they were sent', async () => {
    const answer = await postRaw(`${api}/incidents`, server.token, '{"title":"Pager \\ud83d\\udea8","services":["db\\ud83d\\udd25"]}');
    expect(answer.status).to.equal(201);
    const got = await call(`${api}/incidents/${answer.body.reference}`, { token: server.token });
    expect(got.body).to.deep.include({ title: 'Pager 🚨', services: ['db🔥'] });
  });

  it('replays the same request and refuses a different one under the same key', async () => {
    const send = (title: string) => call(`${api}/incidents`, { token: server.token, json: { title }, headers: { 'idempotency-key': 'maria-key' } });
    const first = await send('Maria once');
    const again = await send('Maria once');
    const other = await send('Maria twice');
    expect([first.status, again.status, other.status]).to.deep.equal([201, 201, 422]);
    expect(again.body).to.deep.equal(first.body);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
  });

  it('answers a chunked 20 MiB body with 413', async () => {
    const answer = await rawPost(`${api}/incidents`, server.token, 20 * 1024 * 1024, false);
    expect(answer.status).to.equal(413);
    expect(answer.body.error.code).to.equal('payload_too_large');
  });

  it('runs the dashboard routes on MariaDB: versions and revisions checked, the list filtered by time and words', async () => {
    const send = (method: string, path: string, json?: unknown) => call(`${api}/${path}`, { method, token: server.token, json });
    const { reference } = (await send('POST', 'incidents', { title: 'Maria dashboard walk' })).body;
    const draft = (await send('POST', `incidents/${reference}/status-updates`, { body: 'Investigating 🚨' })).body;
    const edited = await send('PATCH', `incidents/${reference}/status-updates/${draft.id}`, { body: 'Recovering 🔥', version: draft.version });
    expect(edited.body).to.include({ body: 'Recovering 🔥' });
    expect((await send('POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: draft.version })).status).to.equal(409);
    expect((await send('POST', `incidents/${reference}/status-updates/${draft.id}/approval`, { version: edited.body.version })).body.state).to.equal('approved');
    expect((await send('PUT', `incidents/${reference}/postmortem/sections/impact`, { body: 'EU 🇪🇺 only', revision: 0 })).status).to.equal(200);
    const stale = await send('PUT', `incidents/${reference}/postmortem/sections/impact`, { body: 'Everyone', revision: 0 });
    expect(stale.status).to.equal(409);
    const doc = await call(`${api}/incidents/${reference}/postmortem`, { token: server.token, headers: { accept: 'application/json' } });
    expect(doc.body.sections.find((x: { key: string }) => x.key === 'impact')).to.deep.include({ body: 'EU 🇪🇺 only', revision: 1 });
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const found = await call(`${api}/incidents?q=maria%20walk&declaredFrom=${hourAgo}`, { token: server.token });
    expect(found.body.incidents.map((i: { reference: string }) => i.reference)).to.deep.equal([reference]);
    expect((await call(`${api}/incidents?q=maria%20walk&declaredBefore=${hourAgo}`, { token: server.token })).body.incidents).to.deep.equal([]);
  });
});
