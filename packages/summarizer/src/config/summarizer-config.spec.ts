import { expect } from 'chai';
import { isMusterError } from '@muster/core';
import { DEFAULT_BASE_URL, defaultSummarizerConfig, modelFor, resolveSummarizerConfig } from './summarizer-config';

describe('summarizer config', () => {
  it('works with no configuration at all, and then uses no model', () => {
    const config = resolveSummarizerConfig();
    expect(config.llm).to.equal(undefined);
    expect(config.contextBudgetTokens).to.equal(defaultSummarizerConfig.contextBudgetTokens);
  });

  it('treats empty settings as unset', () => {
    expect(resolveSummarizerConfig({ llm: { apiKey: '', baseURL: ' ', model: '' } }).llm).to.equal(undefined);
  });

  it('fills endpoint defaults and picks a model per task', () => {
    const config = resolveSummarizerConfig({ llm: { apiKey: 'k', models: { digest: 'small' } } });
    expect(config.llm?.baseURL).to.equal(DEFAULT_BASE_URL);
    expect(config.llm?.model).to.equal('gpt-4o-mini');
    expect(modelFor(config.llm!, 'digest')).to.equal('small');
    expect(modelFor(config.llm!, 'catch_up')).to.equal('gpt-4o-mini');
  });

  it('accepts a keyless local server', () => {
    expect(resolveSummarizerConfig({ llm: { baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1' } }).llm?.apiKey).to.equal(undefined);
  });

  it('refuses budgets that cannot work, naming the setting', () => {
    const attempt = (input: Parameters<typeof resolveSummarizerConfig>[0]) => {
      try {
        resolveSummarizerConfig(input);
        return 'accepted';
      } catch (error) {
        return isMusterError(error, 'configuration') ? error.message : 'wrong error';
      }
    };
    expect(attempt({ chunkTokens: 1000, factsMaxTokens: 700 })).to.match(/chunkTokens .* twice summarizer.factsMaxTokens/);
    expect(attempt({ contextBudgetTokens: 4000 })).to.match(/contextBudgetTokens \(4000\) must be at least/);
    expect(attempt({ mapConcurrency: 0 })).to.match(/mapConcurrency must be a positive/);
  });
});
