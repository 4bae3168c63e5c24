import { expect } from 'chai';
import { durationStats, nearestRank } from './percentiles';

describe('median and p90 by nearest rank', () => {
  it('has no statistic for no values (not zero)', () => {
    expect(durationStats([])).to.deep.equal({ count: 0 });
    expect(nearestRank([], 50)).to.equal(undefined);
  });

  it('answers the one value for one incident', () => {
    expect(durationStats([4_800_000])).to.deep.equal({ count: 1, median: 4_800_000, p90: 4_800_000 });
  });

  it('takes the lower middle value for an even count and the top one for p90 of four', () => {
    expect(durationStats([40, 10, 30, 20])).to.deep.equal({ count: 4, median: 20, p90: 40 });
  });

  it('keeps ties as they are', () => {
    expect(durationStats([5, 9, 5, 5])).to.deep.equal({ count: 4, median: 5, p90: 9 });
    expect(durationStats([7, 7])).to.deep.equal({ count: 2, median: 7, p90: 7 });
  });

  it('ranks 1..10 and 1..11 as the definition says (ceil(p × n))', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(durationStats(ten)).to.deep.equal({ count: 10, median: 5, p90: 9 });
    expect(durationStats([...ten, 11])).to.deep.equal({ count: 11, median: 6, p90: 10 });
  });
});
