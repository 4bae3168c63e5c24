import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { TOKENS, type InboundPort, type PluginAdministration, type RequestContext } from '@muster/core';
import { PLUGIN_TOKENS, type InstallationSync } from '@muster/server';
import { Redis } from 'ioredis';
import { eventually } from '../kits/wait';
import { fixturePackage, firing, postWebhook, serverLog, writeMusterYaml } from './plugin-support';
import { createMariaDbDatabase, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

const SECRET_KEY = 'plugin-multi-instance-secret-key-0123456789';
const WORKSPACE = 'T0FLEET';
const FIRST_TOKEN = 'fleet-token-first-1a2b';
const SECOND_TOKEN = 'fleet-token-second-3c4d';
const DEAF_TOKEN = 'fleet-token-deaf-5e6f';
const ADMIN = { platform: 'slack' as const, id: 'U0FLEETADMIN', name: 'Ada' };
/** The periodic reconcile never runs by itself here: a test that needs one calls it, so nothing heals by luck. */
const NEVER = 3_600_000;

/**
 * Several real servers on one MariaDB and one Redis (issue 12): a plugin installed, re-configured or
 * uninstalled from chat on one instance is what every instance runs. A and B share a Redis prefix, so
 * they hear each other's notices; C uses another prefix, so everything it changes is a notice A and B
 * missed, which only a reconcile from the database (called, or after a Redis reconnect) brings them.
 */
describe('plugin installations across instances (MariaDB + Redis, three servers in one process)', function () {
  this.timeout(120_000);
  const prefix = `muster-test-${randomBytes(4).toString('hex')}`;
  const dirs: string[] = [];
  let database: { name: string; drop(): Promise<void> };
  let a: InProcessServer, b: InProcessServer, c: InProcessServer;

  async function start(label: string, redisPrefix: string): Promise<InProcessServer> {
    const dir = tempDir(`plugin-fleet-${label}`);
    dirs.push(dir);
    writeMusterYaml(dir, { 'fixture-source': { enabled: false, package: fixturePackage(dir, 'fixture-source') } });
    return startInProcess(dir, {
      MUSTER_DATABASE_URL: `mysql://root@127.0.0.1:3306/${database.name}`, MUSTER_AUTO_MIGRATE: 'on', MUSTER_SECRET_KEY: SECRET_KEY,
      REDIS_URL: 'redis://127.0.0.1:6379', MUSTER_REDIS_PREFIX: redisPrefix,
    }, { pluginReconcileMs: NEVER });
  }
  const admin = (server: InProcessServer) => server.running.container.get<PluginAdministration>(TOKENS.PluginAdministration);
  const sync = (server: InProcessServer) => server.running.container.get<InstallationSync>(PLUGIN_TOKENS.InstallationSync);
  const install = (server: InProcessServer, values: Record<string, string>) => admin(server).install({
    tenantId: 'default', pluginId: 'fixture-source', values, by: ADMIN, platform: 'slack', workspaceId: WORKSPACE,
  });
  const status = async (server: InProcessServer, token: string, alert: string) => (await postWebhook(server.url, 'fixture-source', { token, body: firing(alert) })).status;
  /** Polls until the server answers `expected`: a notice is heard asynchronously. */
  const answers = (server: InProcessServer, token: string, expected: number, what: string) =>
    eventually(what, async () => ((await status(server, token, `probe-${randomBytes(3).toString('hex')}`)) === expected ? true : undefined), 20_000);
  const fixtureCommand = async (server: InProcessServer) => {
    const ctx: RequestContext = { actor: ADMIN, platform: 'slack', workspaceId: WORKSPACE, idempotencyKey: `cmd-${randomBytes(6).toString('hex')}`, prefix: '/incident' };
    return (await server.running.container.get<InboundPort>(TOKENS.InboundPort).command(ctx, 'fixture hi')).view!.fallback;
  };

  before(async () => {
    database = await createMariaDbDatabase();
    a = await start('a', prefix);
    b = await start('b', prefix);
    c = await start('c', `${prefix}-deaf`);
  });

  after(async () => {
    for (const server of [a, b, c]) await server?.stop().catch(() => undefined);
    await database?.drop();
    const redis = new Redis('redis://127.0.0.1:6379');
    try {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    for (const dir of dirs) removeDir(dir);
  });

  it('installed on A: B takes the webhook with the installed token (and refuses any other)', async () => {
    expect(await status(b, FIRST_TOKEN, 'before-install')).to.equal(404);
    await install(a, { team: 'payments', 'secret:TOKEN': FIRST_TOKEN });
    await answers(b, FIRST_TOKEN, 200, 'B to take the webhook installed on A');
    expect(await status(b, 'a-token-nobody-installed', 'wrong-token')).to.equal(401);
    expect(await fixtureCommand(b)).to.equal(`Fixture for payments heard "hi" from ${ADMIN.id}`);
  });

  it('re-configured on A: B runs the new settings and no longer accepts the old token', async () => {
    await install(a, { team: 'search', 'secret:TOKEN': SECOND_TOKEN });
    await answers(b, SECOND_TOKEN, 200, 'B to take the re-configured token');
    expect(await status(b, FIRST_TOKEN, 'old-token')).to.equal(401);
    expect(await fixtureCommand(b)).to.equal(`Fixture for search heard "hi" from ${ADMIN.id}`);
    const ids = await a.store.dataSource.query('SELECT installation_id FROM plugin_installations');
    expect(ids, 'one row, its installation id kept').to.have.length(1);
  });

  it('uninstalled on B: A answers 404 and its plugin command is gone there too', async () => {
    await admin(b).uninstall('default', 'fixture-source', ADMIN);
    expect(await status(b, SECOND_TOKEN, 'after-uninstall-b')).to.equal(404);
    await answers(a, SECOND_TOKEN, 404, 'A to drop the installation B uninstalled');
    const onA = await fixtureCommand(a);
    expect(onA).to.match(/^There is no command “fixture”/);
    expect(onA, 'A answers as B, where it was uninstalled').to.equal(await fixtureCommand(b));
  });

  it('a missed notice heals by the reconcile: installed on C (another prefix), A and B take it only once they reconcile', async () => {
    await install(c, { team: 'deaf', 'secret:TOKEN': DEAF_TOKEN });
    expect(await status(c, DEAF_TOKEN, 'deaf-on-c')).to.equal(200);
    // Nobody told A or B, and their periodic reconcile does not run in this suite: they must still refuse it.
    expect(await status(a, DEAF_TOKEN, 'deaf-on-a-before')).to.equal(404);
    expect(await status(b, DEAF_TOKEN, 'deaf-on-b-before')).to.equal(404);
    expect(await sync(a).reconciler.reconcile()).to.equal(1);
    expect(await status(a, DEAF_TOKEN, 'deaf-on-a-after')).to.equal(200);
    expect(await sync(a).reconciler.reconcile(), 'a second reconcile of an unchanged database changes nothing').to.equal(0);
    expect(await status(b, DEAF_TOKEN, 'deaf-on-b-still')).to.equal(404);
    expect(await sync(b).reconciler.reconcile()).to.equal(1);
    expect(await fixtureCommand(b)).to.equal(`Fixture for deaf heard "hi" from ${ADMIN.id}`);
  });

  it('reconciles after its Redis connection comes back: a change made while nobody could hear is picked up', async () => {
    await install(c, { team: 'reconnected', 'secret:TOKEN': FIRST_TOKEN });
    expect(await status(b, FIRST_TOKEN, 'before-reconnect')).to.equal(401);
    const redis = new Redis('redis://127.0.0.1:6379');
    try {
      const clients = (await redis.call('CLIENT', 'LIST') as string).split('\n').filter((line) => / name=muster:plugin-notices /.test(` ${line} `));
      expect(clients.length, 'the three subscribers').to.be.at.least(3);
      for (const line of clients) await redis.call('CLIENT', 'KILL', 'ID', /\bid=(\d+)/.exec(line)![1]);
    } finally {
      redis.disconnect();
    }
    await answers(b, FIRST_TOKEN, 200, 'B to reconcile after its subscriber reconnected');
    await answers(a, FIRST_TOKEN, 200, 'A to reconcile after its subscriber reconnected');
    expect(await fixtureCommand(a)).to.equal(`Fixture for reconnected heard "hi" from ${ADMIN.id}`);
  });

  it('treats a notice as a hint: forged or garbled ones on the channel change nothing, the database decides', async () => {
    const redis = new Redis('redis://127.0.0.1:6379');
    try {
      for (const text of ['not json', '{"pluginId":"fixture-source"}', '{"pluginId":"grafana","tenantId":"default"}', '{"pluginId":"fixture-source","tenantId":"nobody"}']) {
        await redis.publish(`${prefix}:plugin-installations`, text);
      }
    } finally {
      redis.disconnect();
    }
    // Heard in order after the forged ones: once B runs this change, it has handled them all.
    await install(a, { team: 'after-forgery', 'secret:TOKEN': SECOND_TOKEN });
    await answers(b, SECOND_TOKEN, 200, 'B to take the change announced after the forged notices');
    const held = b.running.container.get<{ chatInstallations(): { spec: { tenantId: string; installationId: string } }[] }>(PLUGIN_TOKENS.Host).chatInstallations();
    expect(held.map((i) => i.spec.tenantId)).to.deep.equal(['default']);
    expect(await fixtureCommand(b)).to.equal(`Fixture for after-forgery heard "hi" from ${ADMIN.id}`);
  });

  it('said on A and B what they reloaded, and never logged a plugin secret or the secret key on any instance', () => {
    for (const dir of dirs.slice(0, 2)) expect(serverLog(dir)).to.contain('Plugin installation reloaded from the database');
    for (const dir of dirs) {
      const log = serverLog(dir);
      for (const secret of [FIRST_TOKEN, SECOND_TOKEN, DEAF_TOKEN, SECRET_KEY]) expect(log).not.to.contain(secret);
    }
  });
});
