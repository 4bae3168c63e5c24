import { expect } from 'chai';
import { MusterError } from '../../errors';
import { isLongerThan, removeControlCharacters, tokenize } from './tokenizer';

const words = (text: string): string[] => tokenize(text, 0, 'usage').map((t) => t.value);

describe('tokenizer', () => {
  it('splits on whitespace and groups quoted words of every kind', () => {
    expect(words('  a  b\tc\nd ')).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(words('"a b" \'c d\' “e f” ‘g h’ „i j“ ”k l”')).to.deep.equal(['a b', 'c d', 'e f', 'g h', 'i j', 'k l']);
  });

  it('marks words that began with a quote', () => {
    const [plain, quoted, assigned] = tokenize('--a "--b" --c="d e"', 0, 'usage');
    expect([plain.quoted, quoted.quoted, assigned.quoted]).to.deep.equal([false, true, false]);
    expect(assigned.value).to.equal('--c=d e');
  });

  it('leaves apostrophes and quotes inside words alone', () => {
    expect(words("can't it’s 'don't stop' 5\"")).to.deep.equal(["can't", 'it’s', "don't stop", '5"']);
  });

  it('reads backslash escapes of quotes and backslashes inside quotes only', () => {
    expect(words('"a \\" b" c\\d "e\\f"')).to.deep.equal(['a " b', 'c\\d', 'e\\f']);
  });

  it('records where each word sits in the input', () => {
    const [a, b] = tokenize('x  "y z"  w', 2, 'usage');
    expect([a.start, a.end, b.start, b.end]).to.deep.equal([3, 8, 10, 11]);
  });

  it('throws unbalanced_quotes with the usage it was given', () => {
    try {
      tokenize('a “b c', 0, '/incident declare');
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(MusterError);
      expect((error as MusterError).code).to.equal('unbalanced_quotes');
      expect((error as MusterError).message).to.equal('The quote “ before “b c” is never closed. Add a closing ” after the quoted words, or remove the “.');
      expect((error as MusterError).usage).to.equal('/incident declare');
    }
  });

  it('removes control characters but keeps newlines and tabs', () => {
    expect(removeControlCharacters('a\u0000b\u0007\u001b\u007f\u009fc\r\nd\re\tf')).to.equal('abc\nd\ne\tf');
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(isLongerThan('😀'.repeat(4000), 4000)).to.equal(false);
    expect(isLongerThan('😀'.repeat(4001), 4000)).to.equal(true);
    expect(isLongerThan('x'.repeat(1_000_000), 4000)).to.equal(true);
  });
});
