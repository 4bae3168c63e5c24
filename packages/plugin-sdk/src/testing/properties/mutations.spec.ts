import { expect } from 'chai';
import fc from 'fast-check';
import { hostileText, headersWith } from './hostile-text';
import { mutated, mutationsOf, pathsOf } from './mutations';

const DOC = { a: { b: [1, { c: 'x' }] }, d: null };

describe('property-test arbitraries', () => {
  it('pathsOf lists every path, the document first', () => {
    expect(pathsOf(DOC)).to.deep.equal([[], ['a'], ['a', 'b'], ['a', 'b', 0], ['a', 'b', 1], ['a', 'b', 1, 'c'], ['d']]);
    expect(pathsOf('scalar')).to.deep.equal([[]]);
  });

  it('mutated changes a copy: replaces, removes (splicing list items), and leaves a vanished branch alone', () => {
    expect(mutated(DOC, ['a', 'b', 1, 'c'], 'y')).to.deep.equal({ a: { b: [1, { c: 'y' }] }, d: null });
    expect(mutated(DOC, ['a', 'b', 0], undefined)).to.deep.equal({ a: { b: [{ c: 'x' }] }, d: null });
    expect(mutated(DOC, ['d'], undefined)).to.deep.equal({ a: { b: [1, { c: 'x' }] } });
    expect(mutated(DOC, ['d', 'e'], 1)).to.deep.equal(DOC);
    expect(mutated(DOC, [], 7)).to.equal(7);
    expect(mutated(7, ['a'], 1)).to.equal(7);
    expect(DOC.a.b).to.have.length(2);
  });

  it('mutationsOf changes one to four fields of the document and never the original', () => {
    const before = structuredClone(DOC);
    const seen = fc.sample(mutationsOf(DOC), 300);
    expect(seen.some((doc) => JSON.stringify(doc) !== JSON.stringify(DOC))).to.equal(true);
    expect(DOC).to.deep.equal(before);
  });

  it('hostileText reaches lone surrogates, controls and long text; headersWith the named headers', () => {
    const texts = fc.sample(hostileText, 2000);
    expect(texts.some((t) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t))).to.equal(true);
    expect(texts.some((t) => t.length >= 2000)).to.equal(true);
    expect(texts.every((t) => typeof t === 'string')).to.equal(true);
    expect(fc.sample(headersWith(['authorization']), 200).some((h) => 'authorization' in h)).to.equal(true);
  });
});
