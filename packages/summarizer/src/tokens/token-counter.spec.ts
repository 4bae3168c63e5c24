import { expect } from 'chai';
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
