import { expect } from 'chai';
import { isoInstant } from './instants';

describe('isoInstant', () => {
  it('reads instants in the sources\' formats, and nothing from a non-date', () => {
    expect(isoInstant('2026-05-14T09:12:31.418+0000')).to.equal('2026-05-14T09:12:31.418Z');
    expect(isoInstant(1778750101104)).to.equal('2026-05-14T09:15:01.104Z');
    expect([isoInstant('soon'), isoInstant(1e20), isoInstant(null)]).to.deep.equal([undefined, undefined, undefined]);
  });
});
