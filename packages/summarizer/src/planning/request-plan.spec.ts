import { expect } from 'chai';
import { chunkByTokens, splitNewest, totalTokens, type Sized } from './chunking';
import { planRequest } from './request-plan';

const sized = (sizes: number[]): Sized<number>[] => sizes.map((tokens, item) => ({ item, tokens }));

describe('chunkByTokens', () => {
  it('keeps order and never exceeds the chunk size', () => {
    const chunks = chunkByTokens(sized([30, 40, 20, 50, 10, 60]), 80);
    expect(chunks.map((c) => c.map((x) => x.item))).to.deep.equal([[0, 1], [2, 3, 4], [5]]);
    for (const c of chunks) expect(totalTokens(c)).to.be.at.most(80);
  });

  it('puts an oversized item alone rather than dropping it', () => {
    expect(chunkByTokens(sized([10, 500, 10]), 100).map((c) => c.length)).to.deep.equal([1, 1, 1]);
  });
});

describe('splitNewest', () => {
  it('keeps the longest run of newest items within the budget', () => {
    const { older, newest } = splitNewest(sized([50, 50, 30, 30, 30]), 95);
    expect(newest.map((x) => x.item)).to.deep.equal([2, 3, 4]);
    expect(older.map((x) => x.item)).to.deep.equal([0, 1]);
  });
});

describe('planRequest', () => {
  const base = { fixedTokens: 1000, factsTokens: 500, mapFixedTokens: 800, budgetTokens: 10_000, chunkTokens: 4000 };

  it('sends everything in one request when it fits', () => {
    const plan = planRequest({ ...base, entries: sized(Array(100).fill(80)) });
    expect(plan.mode).to.equal('direct');
  });

  it('splits a timeline too long for one request into chunks and a verbatim tail, all within the budget', () => {
    const entries = sized(Array(2000).fill(45));
    const plan = planRequest({ ...base, entries });
    if (plan.mode !== 'map_reduce') throw new Error('expected map-reduce');
    const room = base.budgetTokens - base.fixedTokens - base.factsTokens;
    expect(totalTokens(plan.newest)).to.be.at.most(room / 2);
    expect(plan.notesBudget + totalTokens(plan.newest)).to.equal(room);
    for (const chunk of plan.chunks) expect(base.mapFixedTokens + totalTokens(chunk)).to.be.at.most(base.budgetTokens);
    // Nothing lost, nothing duplicated, order kept.
    const items = [...plan.chunks.flat(), ...plan.newest].map((x) => x.item);
    expect(items).to.deep.equal(entries.map((e) => e.item));
  });

  it('refuses a budget that cannot even hold the instructions', () => {
    expect(() => planRequest({ ...base, fixedTokens: 9800, entries: [] })).to.throw(/exceeds the budget/);
  });
});
