import { expect } from 'chai';
import { MusterError } from '../../errors';
import { isoDay, metricsWindow, parseMetricWeeks, weekIndexOf, weekStartOf } from './metric-weeks';

describe('metrics weeks: Monday 00:00 UTC, the current week last', () => {
  it('puts Sunday 23:59 in the week that began the Monday before, and Monday 00:00 in a new week', () => {
    expect(isoDay(weekStartOf(new Date('2026-11-29T23:59:59.999Z')))).to.equal('2026-11-23');
    expect(isoDay(weekStartOf(new Date('2026-11-30T00:00:00.000Z')))).to.equal('2026-11-30');
    expect(weekStartOf(new Date('2026-11-25T12:00:00.000Z')).toISOString()).to.equal('2026-11-23T00:00:00.000Z');
  });

  it('lists every week of the window oldest first, ending with the current one', () => {
    const w = metricsWindow(new Date('2026-11-25T12:00:00.000Z'), 4);
    expect(w.weeks.map(isoDay)).to.deep.equal(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(w.from.toISOString()).to.equal('2026-11-02T00:00:00.000Z');
    expect(metricsWindow(new Date('2026-11-25T12:00:00.000Z')).weeks).to.have.length(12);
  });

  it('places a moment in its week, and nothing before the window or after now', () => {
    const w = metricsWindow(new Date('2026-11-25T12:00:00.000Z'), 4);
    expect(weekIndexOf(w, new Date('2026-11-02T00:00:00.000Z'))).to.equal(0);
    expect(weekIndexOf(w, new Date('2026-11-01T23:59:59.999Z'))).to.equal(-1);
    expect(weekIndexOf(w, new Date('2026-11-22T23:59:59.999Z'))).to.equal(2);
    expect(weekIndexOf(w, new Date('2026-11-25T12:00:00.000Z'))).to.equal(3);
    expect(weekIndexOf(w, new Date('2026-11-25T12:00:00.001Z'))).to.equal(-1);
  });

  it('reads ?weeks= as a whole number from 4 to 52, 12 when absent or empty', () => {
    expect(parseMetricWeeks(null)).to.equal(12);
    expect(parseMetricWeeks('')).to.equal(12);
    expect(parseMetricWeeks('4')).to.equal(4);
    expect(parseMetricWeeks(' 52 ')).to.equal(52);
  });

  for (const bad of ['3', '53', '0', '-4', '4.5', '1e1', 'twelve', '0x10', '9999999999999999999999', '<script>alert(1)</script>']) {
    it(`refuses weeks=${bad.slice(0, 24)} with what to type instead`, () => {
      let error: unknown;
      try {
        parseMetricWeeks(bad);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(MusterError);
      expect((error as MusterError).code).to.equal('invalid_argument');
      expect((error as MusterError).message).to.include('from 4 to 52');
      expect((error as MusterError).message.length).to.be.below(160);
    });
  }

  it('refuses a window of the wrong size given in code too', () => {
    expect(() => metricsWindow(new Date(), 2)).to.throw(MusterError, /from 4 to 52/);
  });
});
