import { expect } from 'chai';
import { summaryRequest } from '@muster/summarizer/testing';
import { FakeOpenAi } from '../fakes/fake-openai';
import { summarizerAgainst } from './summarizer-harness';

const validCatchUp = { what_happened: 'MODEL-TEXT: a deploy broke checkout.', current_status: 'Rolling back.', who_is_doing_what: 'The commander leads.', open_questions: '', facts: 'Deploy broke checkout.' };

describe('summarizer against an OpenAI-compatible server: structured output', () => {
  let llm: FakeOpenAi;
  beforeEach(async () => { llm = await FakeOpenAi.start(); });
  afterEach(async () => { await llm.close(); });

  it('asks for strict json_schema output in the shape the API accepts', async () => {
    const { summarizer } = summarizerAgainst(llm);
    llm.enqueue({ content: validCatchUp });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(result.producedBy).to.equal('openai:fake-model');
    const format = llm.requests[0].body.response_format as { type: string; json_schema: { name: string; strict: boolean; schema: Record<string, unknown> } };
    expect(format.type).to.equal('json_schema');
    expect(format.json_schema.name).to.equal('catch_up');
    expect(format.json_schema.strict).to.equal(true);
    const schema = format.json_schema.schema as { additionalProperties: boolean; required: string[]; properties: Record<string, { type: string; description: string; maxLength?: number }> };
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.required).to.have.members(Object.keys(schema.properties));
    expect(schema.required).to.include.members(['what_happened', 'current_status', 'who_is_doing_what', 'open_questions', 'facts']);
    // Strict mode refuses length keywords; the limit travels in the description and is checked on our side.
    expect(schema.properties.current_status).to.not.have.property('maxLength');
    expect(schema.properties.current_status.description).to.include('At most 600 characters');
  });

  it('falls back to json_object once when the server rejects json_schema, and remembers it for the next summaries', async () => {
    const { summarizer, events } = summarizerAgainst(llm);
    llm.refuseJsonSchema();
    const first = await summarizer.summarize(summaryRequest('catch_up'));
    const second = await summarizer.summarize(summaryRequest('status_update', { audience: 'internal' }));
    const third = await summarizer.summarize(summaryRequest('catch_up'));
    expect([first, second, third].map((r) => r.producedBy)).to.deep.equal(['openai:fake-model', 'openai:fake-model', 'openai:fake-model']);
    expect(llm.requests.map((r) => r.body.response_format?.type)).to.deep.equal(['json_schema', 'json_object', 'json_object', 'json_object']);
    expect(events.map((e) => e.fallbackCode)).to.deep.equal([undefined, undefined, undefined]);
    expect(events.map((e) => e.calls), 'the refused request is counted').to.deep.equal([2, 1, 1]);
  });

  it('asks again with json_schema for another model on the same endpoint', async () => {
    const { summarizer } = summarizerAgainst(llm, { llm: { models: { postmortem_narrative: 'big-model' } } });
    llm.refuseJsonSchema();
    await summarizer.summarize(summaryRequest('catch_up'));
    await summarizer.summarize(summaryRequest('postmortem_narrative'));
    expect(llm.requests.map((r) => `${r.body.model}:${r.body.response_format?.type}`)).to.deep.equal([
      'fake-model:json_schema', 'fake-model:json_object', 'big-model:json_schema', 'big-model:json_object',
    ]);
  });

  it('does not switch formats on a 400 that is about something else', async () => {
    const { summarizer } = summarizerAgainst(llm);
    llm.enqueue({ status: 400, errorMessage: "This model's maximum context length is 128000 tokens." });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(result.fallbackReason).to.match(/^llm_rejected: /);
    expect(llm.requests).to.have.length(1);
    expect(result.fallbackReason).to.not.include('maximum context');
  });

  const malformed = [
    ['no_choices', 'without "choices"'],
    ['empty_choices', 'empty "choices" list'],
    ['null_content', 'no message content'],
    ['refusal', 'refused'],
  ] as const;
  for (const [shape, words] of malformed) {
    it(`falls back with empty_reply, not a TypeError, when the reply has ${shape.replace('_', ' ')}`, async () => {
      const { summarizer, events, logs } = summarizerAgainst(llm);
      llm.enqueue({ shape });
      const result = await summarizer.summarize(summaryRequest('catch_up'));
      expect(result.producedBy).to.equal('extractive');
      expect(result.fallbackReason).to.match(/^empty_reply: /);
      expect(result.fallbackReason).to.include(words);
      expect(events[0].fallbackCode).to.equal('empty_reply');
      expect(summarizer.stats().fallbacks).to.deep.equal({ empty_reply: 1 });
      expect(logs.join('\n')).to.not.match(/TypeError|unexpected failure/);
      expect(result.text).to.include('INC-42');
    });
  }

  it('posts none of the model text when the output stays invalid', async () => {
    const { summarizer } = summarizerAgainst(llm);
    llm.enqueue({ content: 'MODEL-TEXT: here is your summary' }, { content: { ...validCatchUp, current_status: 'MODEL-TEXT ' + 'x'.repeat(700) } });
    const result = await summarizer.summarize(summaryRequest('catch_up'));
    expect(result.producedBy).to.equal('extractive');
    expect(result.fallbackReason).to.match(/^invalid_output: /);
    expect(result.text).to.not.include('MODEL-TEXT');
    expect(result.fallbackReason).to.not.include('MODEL-TEXT');
    expect(llm.requests.map((r) => r.body.response_format?.type)).to.deep.equal(['json_schema', 'json_schema']);
  });

  describe('the fake checks the request format as the API documents it', () => {
    const post = (body: unknown) => fetch(`${llm.baseUrl}/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${llm.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const messages = [{ role: 'user', content: 'Reply in JSON.' }];

    it('refuses strict schemas outside the strict subset, and json_object without the word json', async () => {
      const loose = await post({ model: 'm', messages, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] } } } });
      expect(loose.status).to.equal(400);
      expect(((await loose.json()) as { error: { param: string } }).error.param).to.equal('response_format');
      const lengths = await post({ model: 'm', messages, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: { type: 'object', additionalProperties: false, properties: { a: { type: 'string', maxLength: 5 } }, required: ['a'] } } } });
      expect(lengths.status).to.equal(400);
      const badName = await post({ model: 'm', messages, response_format: { type: 'json_schema', json_schema: { name: 'has space', schema: { type: 'object' } } } });
      expect(badName.status).to.equal(400);
      const noJsonWord = await post({ model: 'm', messages: [{ role: 'user', content: 'hello' }], response_format: { type: 'json_object' } });
      expect(noJsonWord.status).to.equal(400);
      const fine = await post({ model: 'm', messages, response_format: { type: 'json_object' } });
      expect(fine.status).to.equal(200);
    });
  });
});
