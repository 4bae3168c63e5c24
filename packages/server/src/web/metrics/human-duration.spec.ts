import { expect } from 'chai';
import { humanDuration } from './human-duration';

describe('humanDuration: durations in metrics tables', () => {
  const MIN = 60_000;
  it('reads as seconds, minutes, hours and minutes, days and hours', () => {
    expect(humanDuration(undefined)).to.equal('—');
    expect(humanDuration(0)).to.equal('0 s');
    expect(humanDuration(45_000)).to.equal('45 s');
    expect(humanDuration(59_400)).to.equal('59 s');
    expect(humanDuration(60_000)).to.equal('1 min');
    expect(humanDuration(12 * MIN + 20_000)).to.equal('12 min');
    expect(humanDuration(60 * MIN)).to.equal('1 h');
    expect(humanDuration(80 * MIN)).to.equal('1 h 20 min');
    expect(humanDuration(24 * 60 * MIN)).to.equal('1 d');
    expect(humanDuration((51 * 60 + 10) * MIN)).to.equal('2 d 3 h');
  });

  it('never shows a negative duration', () => {
    expect(humanDuration(-5_000)).to.equal('0 s');
  });

  it('rounds up to the next unit at its edge rather than showing 60 min', () => {
    expect(humanDuration(59 * MIN + 40_000)).to.equal('1 h');
  });
});
