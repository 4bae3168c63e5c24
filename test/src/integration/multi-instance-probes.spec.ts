import { expect } from 'chai';
import { eventually } from '../kits/wait';
import { call, createMariaDbDatabase, removeDir, runCli, tempDir, type ChildServer } from './server-support';
import { deleteRedisKeys, REDIS_URL, startCli, uniqueRedisPrefix } from './multi-instance-kit';

const SECRET_KEY = 'fleet-secret-key-0123456789abcdef0123456789';

describe('multi-instance: readiness when Redis is unreachable, and what `muster worker` refuses', function () {
  this.timeout(120_000);
  let dir: string;
  let database: { name: string; drop(): Promise<void> };
  const children: ChildServer[] = [];

  before(async () => {
    dir = tempDir('fleet-redis-down');
    database = await createMariaDbDatabase();
  });
  after(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    await database?.drop();
    removeDir(dir);
  });

  const mysql = () => `mysql://root@127.0.0.1:3306/${database.name}`;

  it('answers /readyz 503 naming Redis (never its password) while /healthz stays 200, and still stops on SIGTERM', async () => {
    const server = await startCli(['start'], dir, {
      MUSTER_DATABASE_URL: mysql(), MUSTER_AUTO_MIGRATE: 'on', MUSTER_SECRET_KEY: SECRET_KEY, REDIS_URL: 'redis://:not-this-password@127.0.0.1:1', MUSTER_REDIS_PREFIX: uniqueRedisPrefix(),
    });
    children.push(server);
    expect(server.output()).to.contain('multi-instance: Redis redis://127.0.0.1:1');
    const ready = await call(`${server.url}/readyz`);
    expect(ready.status).to.equal(503);
    expect(ready.body.redis).to.equal('unreachable');
    expect(ready.body.error.message).to.contain('Redis (redis://127.0.0.1:1) cannot be reached');
    expect(ready.text).not.to.contain('not-this-password');
    expect((await call(`${server.url}/healthz`)).status).to.equal(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).to.deep.equal({ code: 0, signal: null });
    expect(server.output()).not.to.contain('not-this-password');
  });

  it('runs `muster worker` with only the probes, and refuses it without Redis or on SQLite, saying why', async () => {
    const prefix = uniqueRedisPrefix();
    try {
      const worker = await startCli(['worker'], dir, { MUSTER_DATABASE_URL: mysql(), MUSTER_AUTO_MIGRATE: 'on', MUSTER_SECRET_KEY: SECRET_KEY, REDIS_URL, MUSTER_REDIS_PREFIX: prefix });
      children.push(worker);
      const ready = await eventually('the worker to be ready', async () => {
        const answer = await call(`${worker.url}/readyz`);
        return answer.status === 200 ? answer : undefined;
      });
      expect(ready.body).to.include({ status: 'ready', database: 'reachable', redis: 'reachable' });
      expect((await call(`${worker.url}/metrics`)).text).to.match(/^muster_queue_jobs\{queue="outbox",state="waiting"\} 0$/m);
      expect((await call(`${worker.url}/api/v1/incidents`)).status, 'no REST on a worker').to.equal(404);
      expect((await call(`${worker.url}/slack/events`, { json: {} })).status, 'no chat on a worker').to.equal(404);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).to.deep.equal({ code: 0, signal: null });
    } finally {
      await deleteRedisKeys(prefix);
    }
    const noRedis = await runCli(['worker'], { cwd: dir, env: { MUSTER_DATABASE_URL: mysql(), MUSTER_PORT: '0' } });
    expect(noRedis.code).to.equal(1);
    expect(noRedis.stderr).to.contain('set REDIS_URL');
    const sqlite = await runCli(['worker'], { cwd: dir, env: { REDIS_URL, MUSTER_PORT: '0' } });
    expect(sqlite.code).to.equal(1);
    expect(sqlite.stderr).to.contain('MySQL or MariaDB');
    const noWorkerNoRedis = await runCli(['start', '--no-worker'], { cwd: dir, env: { MUSTER_PORT: '0', MUSTER_CONSOLE: 'off' } });
    expect(noWorkerNoRedis.code).to.equal(1);
    expect(noWorkerNoRedis.stderr).to.contain('--no-worker').and.to.contain('REDIS_URL');
  });
});
