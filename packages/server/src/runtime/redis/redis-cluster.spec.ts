import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOneJob } from './job-round-trip.spec-kit';
import { createRedisConnection } from './redis-connection';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it is true or `ms` pass (a cluster agrees on its slots a moment after it is created). */
async function until(what: string, check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A real three-node Redis Cluster (Debian's redis-server with cluster-enabled, joined by
 * `redis-cli --cluster create`): ioredis's Cluster client must find the slots, and BullMQ must run a job
 * over it with a hash-tagged prefix, the only way its multi-key scripts work on a cluster.
 */
describe('Redis Cluster: REDIS_URL=redis+cluster://…', function () {
  this.timeout(60_000);
  let dir: string;
  const ports: number[] = [];
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'muster-cluster-'));
    for (let i = 0; i < 3; i++) ports.push(await freePort());
    for (const port of ports) {
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      const started = spawnSync('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
        '--save', '', '--appendonly', 'no', '--dir', nodeDir, '--daemonize', 'yes', '--pidfile', join(nodeDir, 'redis.pid')], { encoding: 'utf8' });
      if (started.status !== 0) throw new Error(`redis-server could not start a cluster node (${started.error?.message ?? started.stderr}); install Debian's redis-server`);
    }
    await until('the nodes to answer', () => ports.every((port) => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG'), 10_000);
    const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-yes'], { encoding: 'utf8', timeout: 20_000 });
    expect(created.status, created.stdout + created.stderr).to.equal(0);
    await until('the cluster to be ok', () => spawnSync('redis-cli', ['-p', String(ports[0]), 'cluster', 'info'], { encoding: 'utf8' }).stdout.includes('cluster_state:ok'), 15_000);
    url = `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`;
  });

  after(() => {
    for (const port of ports) spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { timeout: 5_000 });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes keys of many slots across the nodes and reads them back', async () => {
    const redis = createRedisConnection(url, 'cluster-probe');
    try {
      const keys = Array.from({ length: 30 }, (_, i) => `muster-cluster-${i}`);
      for (const key of keys) await redis.set(key, key.toUpperCase(), 'PX', 10_000);
      for (const key of keys) expect(await redis.get(key)).to.equal(key.toUpperCase());
      const holding = ports.map((port) => Number(spawnSync('redis-cli', ['-p', String(port), 'dbsize'], { encoding: 'utf8' }).stdout.trim()));
      expect(holding.filter((n) => n > 0).length, 'the keys spread over more than one node').to.be.greaterThan(1);
    } finally {
      redis.disconnect();
    }
  });

  it('carries a BullMQ job from a queue to a worker with a hash-tagged prefix', async () => {
    expect(await runOneJob(url, `{muster-cluster-${process.pid}}`, 'cluster-9', 9)).to.deep.equal({ state: 'completed', value: 'done 9' });
  });
});
