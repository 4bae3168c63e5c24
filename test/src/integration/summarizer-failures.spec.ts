import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSummarizer, ExtractiveSummarizer, FACTS_KIND, OpenAiSummarizer } from '@muster/summarizer';
import { summaryRequest } from '@muster/summarizer/testing';
import { InMemoryDatabase, InMemorySummaryStateRepository } from '@muster/core/testing';
import { FakeOpenAi } from '../fakes/fake-openai';
import { summarizerAgainst } from './summarizer-harness';

const validCatchUp = { what_happened: 'A deploy broke checkout.', current_status: 'Rolling back.', who_is_doing_what: 'The commander leads.', open_questions: '', facts: 'Deploy broke checkout; rollback running.' };

describe('summarizer against an OpenAI-compatible server: failures fall back to the extractive summary', () => {
  let llm: FakeOpenAi;
  beforeEach(async () => { llm = await FakeOpenAi.start(); });
  afterEach(async () => { await llm.close(); });

  const expectExtractive = (result: { producedBy: string; fallbackReason?: string; text: string }, code: string) => {
    expect(result.producedBy).to.equal('extractive');
    expect(result.fallbackReason).to.match(new RegExp(`^${code}: `));
    expect(result.text).to.include('INC-42');
  };

  it('answers extractively when the model does not answer in time', async () => {
    const { summarizer, events } = summarizerAgainst(llm, { llm: { requestTimeoutMs: 200, maxRetries: 0 } });
    llm.enqueue({ delayMs: 5_000, content: validCatchUp });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expectExtractive(result, 'timeout');
    expect(events[0].fallbackCode).to.equal('timeout');
  });

  it('stops at the overall deadline, whatever the per-request timeout', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { deadlineMs: 300, requestTimeoutMs: 10_000, maxRetries: 2 } });
    llm.enqueue({ delayMs: 5_000, content: validCatchUp });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expectExtractive(result, 'timeout');
    expect(result.fallbackReason).to.include('deadline');
  });

  it('does not wait out a Retry-After longer than the deadline', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { deadlineMs: 2_000, maxRetries: 2 } });
    llm.enqueue({ status: 429, retryAfter: '30' });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expectExtractive(result, 'rate_limited');
    expect(result.fallbackReason).to.include('asked to wait 30 s');
    expect(llm.requests).to.have.length(1);
  });

  it('retries once with a correction note after a reply that is not JSON, then uses the good reply', async () => {
    const { summarizer, events } = summarizerAgainst(llm);
    llm.enqueue({ content: 'Sure! Here is the summary you asked for.' }, { content: validCatchUp });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(result.producedBy).to.equal('openai:fake-model');
    expect(result.text).to.include('A deploy broke checkout.');
    const note = llm.requests[1].body.messages.at(-1)!;
    expect(note.role).to.equal('user');
    expect(note.content).to.include('the reply was not valid JSON');
    expect(events[0].invalidReplies).to.equal(1);
  });

  it('falls back after a second invalid reply, naming the problem, and keeps the rolling facts as they were', async () => {
    const { summarizer, summaries } = summarizerAgainst(llm);
    llm.enqueue({ content: { what_happened: 'x' } }, { content: { ...validCatchUp, current_status: 'y'.repeat(5_000) } });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(llm.requests).to.have.length(2);
    expect(llm.requests[1].body.messages.at(-1)!.content).to.include('"current_status" is missing');
    expectExtractive(result, 'invalid_output');
    expect(result.fallbackReason).to.include('"current_status" has 5000 characters; the limit is 600');
    expect(await summaries.get('inc-42', FACTS_KIND)).to.equal(undefined);
  });

  it('treats a reply cut off at the token limit as invalid', async () => {
    const { summarizer } = summarizerAgainst(llm);
    llm.enqueue({ content: '{"what_happened": "A deploy', finishReason: 'length' }, { content: validCatchUp });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(result.producedBy).to.equal('openai:fake-model');
    expect(llm.requests[1].body.messages.at(-1)!.content).to.include('cut off');
  });

  it('honours Retry-After on 429 and then uses the answer', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { maxRetries: 2 } });
    llm.enqueue({ status: 429, retryAfter: '1' }, { content: validCatchUp });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(result.producedBy).to.equal('openai:fake-model');
    expect(llm.requests).to.have.length(2);
    // A lower bound only: the client must not have come back before the server allowed it.
    expect(llm.requests[1].receivedAt.getTime() - llm.requests[0].receivedAt.getTime()).to.be.at.least(950);
  });

  it('falls back with rate_limited when 429 outlasts the retries', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { maxRetries: 1 } });
    llm.enqueue({ status: 429, retryAfter: '0' }, { status: 429, retryAfter: '0' });
    expectExtractive(await summarizer.summarize(summaryRequest('catch_up')), 'rate_limited');
    expect(llm.requests).to.have.length(2);
  });

  it('falls back with llm_unavailable when the server keeps failing', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { maxRetries: 1 } });
    llm.enqueue({ status: 500, retryAfter: '0' }, { status: 500, retryAfter: '0' });
    expectExtractive(await summarizer.summarize(summaryRequest('status_update', { audience: 'internal' })), 'llm_unavailable');
    expect(llm.requests).to.have.length(2);
  });

  it('does not retry a refused key and says which setting to check', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { apiKey: 'sk-wrong-key-000000', maxRetries: 2 } });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expectExtractive(result, 'llm_rejected');
    expect(result.fallbackReason).to.include('OPENAI_API_KEY');
    expect(result.fallbackReason).to.not.include('sk-wrong');
    expect(llm.requests).to.have.length(1);
    expect(llm.requests[0].headers.authorization).to.equal('Bearer sk-wrong-key-000000');
  });

  it('falls back when nothing listens at the endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const summarizer = new OpenAiSummarizer({ llm: { baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'k', maxRetries: 0 } }, { summaries: new InMemorySummaryStateRepository(new InMemoryDatabase()) });
    expectExtractive(await summarizer.summarize(summaryRequest('catch_up')), 'llm_unavailable');
  });

  it('needs no model at all: without an endpoint every product is extractive and says why', async () => {
    const summarizer = createSummarizer({}, { summaries: new InMemorySummaryStateRepository(new InMemoryDatabase()) });
    expect(summarizer).to.be.instanceOf(ExtractiveSummarizer);
    for (const kind of ['catch_up', 'status_update', 'postmortem_narrative'] as const) {
      const result = await summarizer.summarize(summaryRequest(kind, { audience: 'external' }));
      expect(result.producedBy).to.equal('extractive');
      expect(result.fallbackReason).to.match(/^not_configured: /);
    }
    expect(createSummarizer({ llm: { baseURL: llm.baseUrl, model: 'fake-model' } }, { summaries: new InMemorySummaryStateRepository(new InMemoryDatabase()) })).to.be.instanceOf(OpenAiSummarizer);
  });
});
