import { expect } from 'chai';
import fc from 'fast-check';
import { findIllFormedString } from './well-formed-json';

describe('findIllFormedString', () => {
  it('names the path of the first lone surrogate, in values and keys', () => {
    expect(findIllFormedString({ title: 'ok', services: ['fine', 'x\ud800y'] })).to.equal('services[1]');
    expect(findIllFormedString({ person: { name: '\udc00' } })).to.equal('person.name');
    expect(findIllFormedString({ a: { ['\ud83d']: 1 } })).to.equal('a (a field name)');
    expect(findIllFormedString('\ud800')).to.equal('(body)');
  });

  it('accepts every well-formed string, pairs and astral characters included', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => findIllFormedString(JSON.parse(JSON.stringify(value))) === undefined));
    expect(findIllFormedString({ t: '🚨 \ud83d\ude00', n: 1, b: true, z: null })).to.equal(undefined);
  });

  it('finds a lone surrogate wherever it sits in a string', () => {
    fc.assert(fc.property(fc.string(), fc.string(), fc.integer({ min: 0xd800, max: 0xdfff }), (before, after, code) => {
      const text = `${before}${String.fromCharCode(code)}${after}`;
      // Only when the neighbours do not happen to complete a pair.
      fc.pre(/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
      return findIllFormedString({ field: text }) === 'field';
    }));
  });
});
