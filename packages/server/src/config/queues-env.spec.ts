import { expect } from 'chai';
import { configSummary } from './config-summary';
import { envProblemsOf, loadFromEnv } from './env-config.spec-helper';

describe('queues configuration (REDIS_URL and the MUSTER_*QUEUE* variables)', () => {
  const load = loadFromEnv;
  const problemsOf = envProblemsOf;

  it('is off without REDIS_URL, with the defaults ready for when it is set', () => {
    const config = load({});
    expect(config.redisUrl).to.equal(undefined);
    expect(config.redisPrefix).to.equal('muster');
    expect(config.queues).to.deep.equal({ work: true, lockDurationMs: 30_000, stalledIntervalMs: 30_000 });
    expect(configSummary(load({})).multiInstance).to.equal(false);
  });

  it('reads the URL, prefix, work flag and timings, and the summary shows host:port but never the password', () => {
    const config = load({
      REDIS_URL: 'redis://:s3cret-pw@redis.internal:6380/2', MUSTER_REDIS_PREFIX: '{muster}', MUSTER_WORK_QUEUES: 'off',
      MUSTER_QUEUE_LOCK_DURATION_MS: '2000', MUSTER_QUEUE_STALLED_INTERVAL_MS: '1000',
    });
    expect(config).to.deep.include({ redisUrl: 'redis://:s3cret-pw@redis.internal:6380/2', redisPrefix: '{muster}' });
    expect(config.queues).to.deep.equal({ work: false, lockDurationMs: 2000, stalledIntervalMs: 1000 });
    const summary = String(configSummary(config).multiInstance);
    expect(summary).to.equal('Redis redis://redis.internal:6380/2 (prefix {muster}, queues worked elsewhere)');
    expect(JSON.stringify(configSummary(config))).not.to.contain('s3cret-pw');
  });

  it('refuses a URL that is not redis:// without echoing it, a bad prefix and timings out of range, naming each variable', () => {
    const problems = problemsOf({ REDIS_URL: 'http://:s3cret-pw@host:6379', MUSTER_REDIS_PREFIX: 'has space', MUSTER_QUEUE_LOCK_DURATION_MS: '5', MUSTER_WORK_QUEUES: 'maybe' });
    const text = problems.join('\n');
    expect(text).to.contain('REDIS_URL').and.to.contain('redis://').and.not.to.contain('s3cret-pw');
    expect(text).to.contain('MUSTER_REDIS_PREFIX').and.to.contain('{muster}');
    expect(text).to.contain('MUSTER_QUEUE_LOCK_DURATION_MS').and.to.contain('1000 to 600000');
    expect(text).to.contain('MUSTER_WORK_QUEUES');
  });

  it('gives a Redis Cluster a hash-tagged prefix by default, refuses one without a tag, and accepts Sentinel URLs', () => {
    expect(load({ REDIS_URL: 'redis+cluster://n1:7000,n2:7001' }).redisPrefix).to.equal('{muster}');
    expect(load({ REDIS_URL: 'redis+cluster://n1:7000', MUSTER_REDIS_PREFIX: 'acme-{prod}' }).redisPrefix).to.equal('acme-{prod}');
    const text = problemsOf({ REDIS_URL: 'redis+cluster://:s3cret-pw@n1:7000', MUSTER_REDIS_PREFIX: 'acme' }).join('\n');
    expect(text).to.contain('MUSTER_REDIS_PREFIX').and.to.contain('{acme}').and.not.to.contain('s3cret-pw');
    const sentinel = load({ REDIS_URL: 'redis+sentinel://:s3cret-pw@s1:26379,s2:26379/primary' });
    expect(sentinel.redisPrefix).to.equal('muster');
    expect(String(configSummary(sentinel).multiInstance)).to.contain('redis+sentinel://s1:26379,s2:26379/primary').and.not.to.contain('s3cret-pw');
  });
});
