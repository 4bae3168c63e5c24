import { expect } from 'chai';
import { planRequest } from '../planning/request-plan';
import { condense, mapLimit } from './map-reduce';

describe('condense (map-reduce)', () => {
  it('maps every chunk, then merges notes until they fit the final request', async () => {
    const entries = Array.from({ length: 400 }, (_, i) => ({ item: i, tokens: 50 }));
    const plan = planRequest({ entries, fixedTokens: 500, factsTokens: 0, mapFixedTokens: 500, budgetTokens: 3000, chunkTokens: 1000 });
    if (plan.mode !== 'map_reduce') throw new Error('expected map-reduce');
    const mapped: number[][] = [];
    let merges = 0;
    const notes = await condense(plan, {
      notesOn: async (chunk) => { mapped.push([...chunk]); return `notes ${chunk[0]}-${chunk.at(-1)}`; },
      merge: async (group) => { merges++; return group.join(' + '); },
      // Every note "costs" 400 tokens: 19 of them cannot fit in the 1,250 left for notes.
      tokensOf: () => 400,
      concurrency: 3,
    });
    expect(mapped.flat()).to.deep.equal(plan.chunks.flat().map((e) => e.item));
    expect(notes.length * 400).to.be.at.most(plan.notesBudget);
    expect(merges).to.be.greaterThan(0);
  });
});

describe('mapLimit', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).to.deep.equal([50, 10, 40, 20, 30]);
    expect(peak).to.equal(2);
  });

  it('starts no new work after a failure', async () => {
    const started: number[] = [];
    const run = mapLimit([1, 2, 3, 4, 5, 6], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
      return n;
    });
    await run.then(() => expect.fail('should reject'), (e: Error) => expect(e.message).to.equal('boom'));
    expect(started).to.deep.equal([1, 2]);
  });
});
