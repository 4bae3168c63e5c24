import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runOneJob } from './job-round-trip.spec-kit';
import { createRedisConnection } from './redis-connection';

/** A free TCP port on 127.0.0.1 (a Sentinel takes its port from its configuration, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A real Redis Sentinel (Debian's redis-server in sentinel mode) monitoring the suite's Redis at
 * 127.0.0.1:6379 as primary `muster-test`: ioredis must find the primary through it, and BullMQ must
 * run a job over that connection.
 */
describe('Redis Sentinel: REDIS_URL=redis+sentinel://…', function () {
  this.timeout(30_000);
  let dir: string;
  let sentinel: ChildProcess;
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'muster-sentinel-'));
    const port = await freePort();
    // Slow to judge the primary down: the suite's Redis is shared, this Sentinel must never fail it over.
    writeFileSync(join(dir, 'sentinel.conf'), [
      `port ${port}`, 'bind 127.0.0.1', `dir ${dir}`,
      'sentinel monitor muster-test 127.0.0.1 6379 1', 'sentinel down-after-milliseconds muster-test 600000', '',
    ].join('\n'));
    sentinel = spawn('redis-server', [join(dir, 'sentinel.conf'), '--sentinel'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    await new Promise<void>((resolve, reject) => {
      sentinel.once('error', (error) => reject(new Error(`redis-server could not start a Sentinel (${error.message}); install Debian's redis-server`)));
      sentinel.once('exit', (code) => reject(new Error(`the Sentinel exited (${code}): ${log}`)));
      sentinel.stdout!.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('+monitor master muster-test')) resolve();
      });
    });
    url = `redis+sentinel://127.0.0.1:${port}/muster-test/0`;
  });

  after(() => {
    sentinel?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the primary through the Sentinel and reads and writes on it', async () => {
    const redis = createRedisConnection(url, 'sentinel-probe');
    try {
      const key = `muster-sentinel-${process.pid}-${Date.now()}`;
      await redis.set(key, 'through the sentinel', 'PX', 10_000);
      const direct = createRedisConnection('redis://127.0.0.1:6379', 'sentinel-check');
      try {
        expect(await direct.get(key), 'written on the primary the Sentinel named').to.equal('through the sentinel');
      } finally {
        direct.disconnect();
      }
      await redis.del(key);
    } finally {
      redis.disconnect();
    }
  });

  it('carries a BullMQ job from a queue to a worker over Sentinel connections', async () => {
    expect(await runOneJob(url, `muster-sentinel-${process.pid}-${Date.now()}`, 'sentinel-7', 7)).to.deep.equal({ state: 'completed', value: 'done 7' });
  });
});
