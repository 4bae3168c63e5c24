import { expect } from 'chai';
import { fixturePackage, firing, postWebhook, writeMusterYaml } from './plugin-support';
import { call, createMariaDbDatabase, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

const TOKEN = 'race-monitor-token-7f3e';

/**
 * Two real servers on one MariaDB receiving the same thing at the same moment, as a load balancer
 * without sticky sessions spreads a client's retry or a monitor's duplicate (issue 12's audit): one
 * incident per REST idempotency key, one incident per alert group, one answer per delivery.
 */
describe('the same request on two instances at once (MariaDB, two servers in one process)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  let database: { name: string; drop(): Promise<void> };
  let a: InProcessServer, b: InProcessServer;

  async function start(label: string): Promise<InProcessServer> {
    const dir = tempDir(`instance-races-${label}`);
    dirs.push(dir);
    writeMusterYaml(dir, { 'fixture-source': { enabled: true, package: fixturePackage(dir, 'fixture-source'), config: { team: 'payments' } } });
    return startInProcess(dir, { MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:3306/${database.name}`, MUSTER_AUTO_MIGRATE: 'on', MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: TOKEN });
  }
  const incidents = async (): Promise<{ number: number; title: string }[]> =>
    (await a.store.dataSource.query('SELECT number, title FROM incidents ORDER BY number')).map((r: { number: number; title: string }) => ({ number: Number(r.number), title: r.title }));

  before(async () => {
    database = await createMariaDbDatabase();
    a = await start('a');
    b = await start('b');
  });

  after(async () => {
    for (const server of [a, b]) await server?.stop().catch(() => undefined);
    await database?.drop();
    for (const dir of dirs) removeDir(dir);
  });

  it('declares once per Idempotency-Key when the same POST reaches both instances at once, and both answer with that incident', async () => {
    for (let round = 0; round < 8; round++) {
      const send = (server: InProcessServer) => call(`${server.url}/api/v1/incidents`, { token: a.token, json: { title: `Keyed ${round}` }, headers: { 'idempotency-key': `race-key-${round}` } });
      const [onA, onB] = await Promise.all([send(a), send(b)]);
      expect([onA.status, onB.status], `round ${round}`).to.deep.equal([201, 201]);
      expect(onB.body.reference, `round ${round}: one incident for both`).to.equal(onA.body.reference);
    }
    const titles = (await incidents()).map((i) => i.title);
    expect(titles).to.deep.equal(Array.from({ length: 8 }, (_, i) => `Keyed ${i}`));
  });

  it('opens one incident per alert group when its firings reach both instances at once', async () => {
    const before = (await incidents()).length;
    for (let round = 0; round < 8; round++) {
      const group = `race-group-${round}`;
      const fire = (server: InProcessServer, id: string) => postWebhook(server.url, 'fixture-source', { token: TOKEN, body: { alerts: [{ id, group, status: 'firing', title: `Group ${round}` }] } });
      const [onA, onB] = await Promise.all([fire(a, `${group}-from-a`), fire(b, `${group}-from-b`)]);
      expect([onA.status, onB.status], `round ${round}`).to.deep.equal([200, 200]);
      const results = [onA.body.results[0], onB.body.results[0]];
      expect(results.map((r) => r.action).sort(), `round ${round}: one declares, the other notes on it`).to.deep.equal(['declared', 'noted']);
      expect(results[0].incident.reference).to.equal(results[1].incident.reference);
    }
    const all = await incidents();
    expect(all.length - before).to.equal(8);
    expect(all.map((i) => i.number), 'numbers once each, no gap').to.deep.equal(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('answers a redelivered webhook that reaches both instances at once with one declaration and one duplicate naming it', async () => {
    const [onA, onB] = await Promise.all([a, b].map((server) => postWebhook(server.url, 'fixture-source', { token: TOKEN, body: firing('same-delivery', 'Delivered twice') })));
    const results = [onA.body.results[0], onB.body.results[0]];
    expect(results.map((r) => r.action).sort()).to.deep.equal(['declared', 'duplicate']);
    expect(results[0].incident.reference).to.equal(results[1].incident.reference);
    expect((await incidents()).filter((i) => i.title === 'Delivered twice')).to.have.length(1);
  });
});
