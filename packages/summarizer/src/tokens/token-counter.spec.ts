import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { TokenCalibration } from './token-calibration';
import { countChatTokens, countTokens, truncateToTokens } from './token-counter';

describe('token counting', () => {
  it('counts with the bundled o200k_base ranks', () => {
    expect(countTokens('')).to.equal(0);
    expect(countTokens('hello world')).to.equal(2);
  });

  it('treats special-token text in chat as ordinary characters', () => {
    expect(countTokens('paste: <|endoftext|> oops')).to.be.greaterThan(3);
  });

  it('adds the chat format overhead per message', () => {
    const one = countChatTokens([{ role: 'user', content: 'hi' }]);
    const two = countChatTokens([{ role: 'system', content: 'hi' }, { role: 'user', content: 'hi' }]);
    expect(two - one).to.equal(3 + countTokens('system') + countTokens('hi'));
  });

  it('truncates to a token limit and marks the cut', () => {
    const long = 'replica lag is climbing '.repeat(200);
    const cut = truncateToTokens(long, 50);
    expect(countTokens(cut)).to.be.at.most(50);
    expect(cut).to.match(/\[truncated\]$/);
    expect(truncateToTokens('short', 50)).to.equal('short');
  });

  it('cuts between characters, never inside one (no replacement character from half an emoji)', () => {
    const text = '🔥👩‍👩‍👧‍👦 日本語のテキスト 한국어 '.repeat(40);
    for (const max of [5, 6, 7, 11, 13, 29]) expect(truncateToTokens(text, max)).not.to.include('\uFFFD');
  });

  it('loads the encoding on first use, not with the package (a server that never summarises carries none of it)', () => {
    const probe = `const s = require(${JSON.stringify(require.resolve('../index'))});
      const loaded = () => Object.keys(require.cache).some((f) => f.includes('gpt-tokenizer'));
      const before = loaded(); s.countTokens('hello world');
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    expect(JSON.parse(run.stdout)).to.deep.equal({ before: false, after: true });
  });
});

describe('TokenCalibration', () => {
  it('learns per model how the server counts compared with the local tokenizer', () => {
    const c = new TokenCalibration();
    expect(c.scale('llama', 1000)).to.equal(1000);
    c.observe('llama', 1000, 1200);
    c.observe('llama', 1000, 1200);
    expect(c.ratio('llama')).to.be.closeTo(1.2, 0.001);
    expect(c.scale('llama', 1000)).to.equal(1200);
    expect(c.ratio('gpt-4o-mini')).to.equal(1);
  });

  it('ignores calls without usage and bounds absurd ratios', () => {
    const c = new TokenCalibration();
    c.observe('m', 1000, undefined);
    expect(c.ratio('m')).to.equal(1);
    c.observe('m', 10, 10_000);
    expect(c.ratio('m')).to.equal(TokenCalibration.MAX_RATIO);
  });
});
