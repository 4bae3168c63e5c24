import { expect } from 'chai';
import { NARRATIVE_SECTIONS } from '@muster/core';
import { summaryRequest } from '@muster/summarizer/testing';
import { FakeOpenAi } from '../fakes/fake-openai';
import { quotedData, summarizerAgainst } from './summarizer-harness';

describe('summarizer against an OpenAI-compatible server: the three products', () => {
  let llm: FakeOpenAi;
  beforeEach(async () => { llm = await FakeOpenAi.start(); });
  afterEach(async () => { await llm.close(); });

  it('asks chat.completions for structured output with a bounded output, and reports usage', async () => {
    const { summarizer } = summarizerAgainst(llm);
    llm.reply(() => ({ content: { body: 'Checkout is failing for EU card payments; a rollback is under way.', facts: 'f' }, usage: { prompt_tokens: 900, completion_tokens: 40 } }));
    const result = await summarizer.summarize(summaryRequest('status_update', { audience: 'internal' }));
    const { body, path, headers } = llm.requests[0];
    expect(path).to.equal('/v1/chat/completions');
    expect(headers.authorization).to.equal(`Bearer ${llm.apiKey}`);
    expect(body.response_format?.type).to.equal('json_schema');
    expect(body.max_tokens).to.be.a('number');
    expect(body.stream).to.equal(undefined);
    expect(result).to.deep.equal({ text: 'Checkout is failing for EU card payments; a rollback is under way.', producedBy: 'openai:fake-model', usage: { promptTokens: 900, completionTokens: 40 } });
  });

  it('drafts postmortem sections with names restored', async () => {
    const { summarizer } = summarizerAgainst(llm);
    llm.reply((request) => {
      const commander = (quotedData(request.messages[1].content).incident.roles as { who: string }[])[0].who;
      return { content: { ...Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s.key, `${s.title} text.`])), summary: `${commander} led the response.`, facts: 'f' } };
    });
    const result = await summarizer.summarize(summaryRequest('postmortem_narrative'));
    expect(result.sections?.summary).to.equal('Alice Martin led the response.');
    expect(result.sections?.went_badly).to.equal('What went badly text.');
    expect(result.text).to.include('What went well\nWhat went well text.');
  });

  it('uses the model configured for each kind, and learns how the server counts tokens', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { models: { postmortem_narrative: 'big-model' } } });
    await summarizer.summarize(summaryRequest('catch_up'));
    await summarizer.summarize(summaryRequest('postmortem_narrative'));
    expect(llm.requests.map((r) => r.body.model)).to.deep.equal(['fake-model', 'big-model']);
    expect(summarizer.stats()).to.deep.include({ summaries: 2, calls: 2 });
    expect(Object.keys(summarizer.stats().tokenRatios)).to.have.members(['fake-model', 'big-model']);
  });

  it('adapts the request to servers and models that differ: no temperature, max_completion_tokens, a cap', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { temperature: null, maxTokensParameter: 'max_completion_tokens', maxOutputTokens: 500 } });
    await summarizer.summarize(summaryRequest('postmortem_narrative'));
    const { body } = llm.requests[0];
    expect(body).to.not.have.property('temperature');
    expect(body).to.not.have.property('max_tokens');
    expect(body.max_completion_tokens).to.equal(500);
  });

  it('works with servers that serve the API without the /v1 prefix', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { baseURL: llm.baseUrl.replace(/\/v1$/, '') } });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(llm.requests[0].path).to.equal('/chat/completions');
    expect(result.producedBy).to.equal('openai:fake-model');
  });
});
