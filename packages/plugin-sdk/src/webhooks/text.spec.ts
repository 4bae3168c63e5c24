import { expect } from 'chai';
import { pickLabel, safeLabels, textOf, truncate } from './text';

describe('text helpers', () => {
  it('truncate cuts to the limit with an ellipsis and never splits an emoji', () => {
    expect(truncate('short', 10)).to.equal('short');
    expect(truncate('abcdefghij', 5)).to.equal('abcd…');
    const cut = truncate('abc🔥def', 5);
    expect(cut).to.equal('abc…');
    expect(cut.length).to.be.at.most(5);
    expect(truncate('anything', 0)).to.equal('');
  });

  it('textOf takes strings and numbers, trimmed, and nothing else', () => {
    expect(textOf('  Disk full ')).to.equal('Disk full');
    expect(textOf(42)).to.equal('42');
    for (const v of [undefined, null, '', '   ', {}, [], true, Number.NaN]) expect(textOf(v)).to.equal(undefined);
    expect(textOf('x'.repeat(1000), 10)).to.have.length(10);
  });

  it('pickLabel takes the first non-empty own field and ignores inherited names', () => {
    expect(pickLabel({ job: 'api', service: '' }, 'service', 'job')).to.equal('api');
    expect(pickLabel({ service: 'db', job: 'api' }, 'service', 'job')).to.equal('db');
    expect(pickLabel({}, 'toString', 'constructor', '__proto__')).to.equal(undefined);
    expect(pickLabel('service=db', 'service')).to.equal(undefined);
    expect(pickLabel(null, 'service')).to.equal(undefined);
    expect(pickLabel(['db'], '0')).to.equal(undefined);
  });

  it('safeLabels keeps text fields, bounded, and a __proto__ key cannot change the prototype', () => {
    const hostile = JSON.parse('{"__proto__": "polluted", "team": "sre", "nested": {"a": 1}, "n": 3, "nil": null}') as unknown;
    const labels = safeLabels(hostile);
    expect(Object.getPrototypeOf(labels)).to.equal(Object.prototype);
    expect(Object.entries(labels)).to.deep.equal([['__proto__', 'polluted'], ['team', 'sre'], ['n', '3']]);
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 'v'.repeat(1000)]));
    const bounded = safeLabels(many, { maxLabels: 10, maxValueLength: 20 });
    expect(Object.keys(bounded)).to.have.length(10);
    expect(bounded.k0).to.have.length(20);
    expect(safeLabels('not an object')).to.deep.equal({});
  });
});
