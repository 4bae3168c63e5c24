import { expect } from 'chai';
import { Batcher } from './batcher';

describe('Batcher', () => {
  it('writes a lone call at once and groups the calls that arrive while a batch is being written', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const batcher = new Batcher<number, string>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await gate;
      return items.map((i) => `done ${i}`);
    });
    const first = batcher.submit(1);
    const rest = [2, 3, 4].map((i) => batcher.submit(i));
    release();
    expect(await first).to.equal('done 1');
    expect(await Promise.all(rest)).to.deep.equal(['done 2', 'done 3', 'done 4']);
    expect(batches).to.deep.equal([[1], [2, 3, 4]]);
  });

  it('fails every call of a failed batch with its error, and keeps serving later calls', async () => {
    let fail = true;
    const batcher = new Batcher<number, number>(async (items) => {
      if (fail) throw new Error('database went away');
      return items.map((i) => i * 2);
    });
    const results = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.submit(21)).to.equal(42);
  });

  it('splits a long queue into batches of the configured size', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher<number, number>(async (items) => { sizes.push(items.length); return [...items]; }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.submit(i)));
    expect(sizes.reduce((a, b) => a + b, 0)).to.equal(8);
    expect(Math.max(...sizes)).to.be.at.most(3);
  });

  it('after a busy batch, waits briefly for as many calls as it had, and writes them together', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => { release = resolve; });
    // A gathering wait this long would time the spec out: the last batch must go as soon as it is full.
    const batcher = new Batcher<number, number>(async (items) => {
      batches.push([...items]);
      if (batches.length === 1) await gate;
      return [...items];
    }, 500, 600_000);
    const first = [batcher.submit(1), batcher.submit(2)];
    await Promise.resolve();
    const busy = [batcher.submit(3), batcher.submit(4)];
    release();
    await Promise.all([...first, ...busy]);
    // The three callers of [2, 3, 4] come back one after another, as HTTP clients do: one batch.
    const next = [batcher.submit(5)];
    await new Promise((r) => setTimeout(r, 20));
    next.push(batcher.submit(6));
    await new Promise((r) => setTimeout(r, 20));
    await Promise.all([...next, batcher.submit(7)]);
    expect(batches).to.deep.equal([[1], [2, 3, 4], [5, 6, 7]]);
  });

  it('writes after at most the gathering wait when fewer calls come back', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(async (items) => { batches.push([...items]); return [...items]; }, 500, 30);
    await Promise.all([batcher.submit(1), batcher.submit(2), batcher.submit(3)]);
    expect(await batcher.submit(4)).to.equal(4);
    expect(batches).to.deep.equal([[1], [2, 3], [4]]);
    // Quiet again: a lone call is written at once.
    expect(await batcher.submit(5)).to.equal(5);
    expect(batches.at(-1)).to.deep.equal([5]);
  });
});
