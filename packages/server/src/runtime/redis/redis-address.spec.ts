import { expect } from 'chai';
import { describeRedisAddress, parseRedisAddress } from './redis-address';

describe('REDIS_URL: one server or a Sentinel group', () => {
  it('passes a redis:// or rediss:// URL on to ioredis as it is', () => {
    expect(parseRedisAddress('redis://:pw@cache.internal:6380/2')).to.deep.equal({ kind: 'server', url: 'redis://:pw@cache.internal:6380/2' });
    expect(parseRedisAddress('rediss://cache.internal')).to.deep.equal({ kind: 'server', url: 'rediss://cache.internal' });
  });

  it('reads the Sentinels, the primary name, the database, both passwords and TLS from a redis+sentinel:// URL', () => {
    expect(parseRedisAddress('rediss+sentinel://app:p%40ss@s1.internal:26380,s2.internal,[::1]:26381/muster-primary/3?sentinelPassword=sp')).to.deep.equal({
      kind: 'sentinel', name: 'muster-primary', db: 3, tls: true, username: 'app', password: 'p@ss', sentinelPassword: 'sp',
      sentinels: [{ host: 's1.internal', port: 26380 }, { host: 's2.internal', port: 26379 }, { host: '::1', port: 26381 }],
    });
    expect(parseRedisAddress('redis+sentinel://127.0.0.1:26379/mymaster')).to.deep.equal({
      kind: 'sentinel', name: 'mymaster', db: 0, tls: false, sentinels: [{ host: '127.0.0.1', port: 26379 }],
    });
  });

  it('reads the nodes, credentials and TLS of a redis+cluster:// URL', () => {
    expect(parseRedisAddress('rediss+cluster://:p%3Aw@n1.internal:7000,n2.internal')).to.deep.equal({
      kind: 'cluster', tls: true, password: 'p:w', nodes: [{ host: 'n1.internal', port: 7000 }, { host: 'n2.internal', port: 6379 }],
    });
    expect(describeRedisAddress('redis+cluster://:hunter2@n1:7000,n2:7001')).to.equal('redis+cluster://n1:7000,n2:7001');
    expect(parseRedisAddress('redis+cluster://:hunter2@n1:7000,/')).to.have.property('problem').that.does.not.contain('hunter2');
  });

  it('refuses what names no Redis, saying what to write and never echoing the value', () => {
    for (const bad of ['http://:hunter2@cache:6379', 'redis+sentinel://:hunter2@s1:26379', 'redis+sentinel://:hunter2@s1:99999/m', 'redis+sentinel://s1,,s2/m', 'redis+sentinel://:hunter2@s1/m?password=x', 'hunter2']) {
      const answer = parseRedisAddress(bad);
      expect(answer, bad).to.have.property('problem').that.is.a('string').and.does.not.contain('hunter2');
    }
    expect((parseRedisAddress('redis+sentinel://s1/m?password=x') as { problem: string }).problem).to.contain('only sentinelPassword');
  });

  it('describes where it points without any credentials', () => {
    expect(describeRedisAddress('redis://:hunter2@cache.internal:6380/2')).to.equal('redis://cache.internal:6380/2');
    expect(describeRedisAddress('redis+sentinel://app:hunter2@s1:26380,s2/primary/1?sentinelPassword=hunter3')).to.equal('redis+sentinel://s1:26380,s2:26379/primary/1');
    expect(describeRedisAddress('nonsense hunter2')).to.equal('an unusable REDIS_URL');
  });
});
