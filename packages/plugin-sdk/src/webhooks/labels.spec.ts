import { expect } from 'chai';
import { labelSet, safeLabels } from './labels';

describe('label helpers', () => {
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
    expect(safeLabels(['a', 'b'])).to.deep.equal({});
  });

  it('labelSet bounds labels and keeps a label named __proto__ a label', () => {
    const labels = labelSet([['__proto__', 'x'], ...Array.from({ length: 80 }, (_, i) => [`k${i}`, i] as const)]);
    expect(Object.keys(labels)).to.have.length(50);
    expect(Object.getPrototypeOf(labels)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value).to.equal('x');
  });

  it('puts names and values on one line, joins lists of strings, and lets the first of two look-alike names win', () => {
    const labels = labelSet([[' team\n', 'sre\u202E\nweb'], ['team', 'other'], ['tags', ['a', 7, 'b']], ['nothing', undefined], ['', 'x'], ['bool', false]]);
    expect(labels).to.deep.equal({ team: 'sre web', tags: 'a, b', bool: 'false' });
    expect(safeLabels({ 'a\ud800': ' v\u0000 ' })).to.deep.equal({ 'a\ufffd': 'v' });
  });
});
