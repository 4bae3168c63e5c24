import { expect } from 'chai';
import fc from 'fast-check';
import { jsonForDataBlock } from './json-data-block';

describe('web: JSON for a <script type="application/json"> data block', () => {
  it('writes no <, > or & at all, so no text can close the block or open a comment', () => {
    const hostile = { body: '</script><script>alert(1)</script> <!-- <img src=x onerror=alert(2)> &amp; \u2028\u2029' };
    const out = jsonForDataBlock(hostile);
    expect(out).to.not.match(/[<>&\u2028\u2029]/);
    expect(JSON.parse(out)).to.deep.equal(hostile);
  });

  it('gives back exactly what it was given, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string(), (a, b) => {
      const value = { a, nested: [b, { c: `${a}</SCRIPT>${b}` }] };
      const out = jsonForDataBlock(value);
      return !/[<>&]/.test(out) && JSON.stringify(JSON.parse(out)) === JSON.stringify(value);
    }));
  });
});
