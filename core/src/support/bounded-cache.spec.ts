import { expect } from 'chai';
import { BoundedCache, sharedPromise } from './bounded-cache';

describe('BoundedCache', () => {
  it('forgets the least recently used entry beyond its size', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).to.deep.equal([1, undefined, 3]);
  });

  it('forgets entries older than the time to live', () => {
    let now = 0;
    const cache = new BoundedCache<string, string>(10, 1000, () => now);
    cache.set('name', 'ana');
    now = 999;
    expect(cache.get('name')).to.equal('ana');
    now = 1000;
    expect(cache.get('name')).to.equal(undefined);
  });

  it('shares one piece of work per key, and retries work that failed', async () => {
    const cache = new BoundedCache<string, Promise<number>>(10);
    let runs = 0;
    const work = async () => {
      runs++;
      if (runs === 1) throw new Error('first fails');
      return runs;
    };
    const [a, b] = await Promise.allSettled([sharedPromise(cache, 'k', work), sharedPromise(cache, 'k', work)]);
    expect([a.status, b.status, runs]).to.deep.equal(['rejected', 'rejected', 1]);
    expect(await sharedPromise(cache, 'k', work)).to.equal(2);
    expect(await sharedPromise(cache, 'k', work)).to.equal(2);
  });
});
