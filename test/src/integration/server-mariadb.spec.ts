import { expect } from 'chai';
import { call, createMariaDbDatabase, removeDir, runCli, startInProcess, tempDir, TcpProxy, type InProcessServer } from './server-support';
import { parseExposition } from './server-prometheus-parser';

describe('server: on MariaDB (MUSTER_DATABASE_URL=mysql://…, nothing else changed)', () => {
  let dir: string;
  let database: { name: string; drop(): Promise<void> };
  let proxy: TcpProxy;
  let server: InProcessServer | undefined;
  let url: string;

  before(async () => {
    dir = tempDir('mariadb');
    database = await createMariaDbDatabase();
    // The server reaches MariaDB through a proxy the test can cut, to see the database go away.
    proxy = await TcpProxy.start(3306);
    url = `mysql://root@127.0.0.1:${proxy.port}/${database.name}`;
  });

  after(async () => {
    await server?.stop();
    await proxy?.cut();
    await database?.drop();
    removeDir(dir);
  });

  it('refuses to start on an unmigrated database and names the command to run', async () => {
    let refusal: unknown;
    try {
      await startInProcess(dir, { MUSTER_DATABASE_URL: url });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).to.be.instanceOf(Error);
    expect((refusal as Error).message).to.match(/needs \d+ migrations? .*Run `npx muster migrate` first, or set MUSTER_AUTO_MIGRATE=true\./);
  });

  it('migrates with `muster migrate`, listing each migration, and says so when there is nothing left', async () => {
    const first = await runCli(['migrate'], { cwd: dir, env: { MUSTER_DATABASE_URL: url } });
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/ran \S+/);
    expect(first.stdout).to.match(/Done: \d+ migrations? ran/);
    const again = await runCli(['migrate'], { cwd: dir, env: { MUSTER_DATABASE_URL: url } });
    expect(again.code).to.equal(0);
    expect(again.stdout).to.contain('is up to date');
  });

  it('serves the REST API and metrics from MariaDB', async () => {
    server = await startInProcess(dir, { MUSTER_DATABASE_URL: url });
    const api = `${server.url}/api/v1`;
    const created = await call(`${api}/incidents`, { token: server.token, json: { title: 'Replica lag', severity: 'SEV1', services: ['db'] }, headers: { 'idempotency-key': 'lag-1' } });
    expect(created.status).to.equal(201);
    const replay = await call(`${api}/incidents`, { token: server.token, json: { title: 'Replica lag', severity: 'SEV1', services: ['db'] }, headers: { 'idempotency-key': 'lag-1' } });
    expect(replay.body.reference).to.equal(created.body.reference);
    const note = await call(`${api}/incidents/${created.body.reference}/timeline`, { token: server.token, json: { text: 'Failing over to replica 2.' } });
    expect(note.status).to.equal(201);
    const pm = await call(`${api}/incidents/${created.body.reference}/postmortem`, { token: server.token });
    expect(pm.text).to.contain('Failing over to replica 2.');
    expect((await call(`${api}/incidents/INC-424242`, { token: server.token })).status).to.equal(404);
    const families = parseExposition((await call(`${server.url}/metrics`)).text);
    expect(families.get('muster_incidents')!.samples).to.deep.include({ name: 'muster_incidents', labels: { status: 'triage', severity: 'SEV1' }, value: 1 });
  });

  it('reports not ready, and answers 503 with Retry-After, once the database is gone', async () => {
    expect((await call(`${server!.url}/readyz`)).status).to.equal(200);
    await proxy.cut();
    const ready = await call(`${server!.url}/readyz`);
    expect(ready.status).to.equal(503);
    expect(ready.body.error.message).to.match(/database cannot be reached|did not answer in time/);
    expect((await call(`${server!.url}/healthz`)).status).to.equal(200);
    const declare = await call(`${server!.url}/api/v1/incidents`, { token: server!.token, json: { title: 'Nothing can be saved' } });
    expect(declare.status).to.equal(503);
    expect(declare.headers.get('retry-after')).to.match(/^\d+$/);
    expect(declare.text).not.to.match(/\n\s+at /);
  });
});
