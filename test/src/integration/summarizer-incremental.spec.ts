import { expect } from 'chai';
import { countChatTokens, FACTS_KIND } from '@muster/summarizer';
import { bob, carol, longTimeline, minutes, summaryRequest, TimelineBuilder } from '@muster/summarizer/testing';
import type { TimelineEntry } from '@muster/core';
import { FakeOpenAi, type ChatCompletionBody, type FakeReply } from '../fakes/fake-openai';
import { quotedData, summarizerAgainst } from './summarizer-harness';

/** Replies valid for any task, with facts that say which call wrote them, and exact usage (ratio 1). */
function scriptedFacts(request: ChatCompletionBody, n: number): FakeReply {
  const system = request.messages[0].content;
  const facts = `FACTS-${n}: rollback in progress, person handles kept.`;
  const usage = { prompt_tokens: countChatTokens(request.messages) };
  if (/"required":\["facts"\]/.test(system)) return { content: { facts }, usage };
  const fields = [...system.matchAll(/"([a-z_]+)":\{"type":"string"/g)].map((m) => m[1]);
  return { content: Object.fromEntries(fields.map((f) => [f, f === 'facts' ? facts : `${f} text`])), usage };
}

function withMore(timeline: readonly TimelineEntry[], texts: readonly string[]): TimelineEntry[] {
  const more = new TimelineBuilder();
  texts.forEach((t, i) => more.message(minutes(40 + i), i % 2 ? bob : carol, t));
  return [...timeline, ...more.build().map((e, i) => ({ ...e, id: `new${i}`, position: timeline.length + i + 1 }))];
}

describe('summarizer against an OpenAI-compatible server: incremental and long incidents', () => {
  let llm: FakeOpenAi;
  beforeEach(async () => { llm = (await FakeOpenAi.start()).reply(scriptedFacts); });
  afterEach(async () => { await llm.close(); });

  it('sends only the new entries and the rolling facts the second time', async () => {
    const { summarizer, summaries } = summarizerAgainst(llm);
    const first = longTimeline(200);
    await summarizer.summarize(summaryRequest('catch_up', { timeline: first }));
    expect(llm.requests).to.have.length(1);
    expect(await summaries.get('inc-42', FACTS_KIND)).to.deep.include({ coveredThrough: first.length, text: 'FACTS-0: rollback in progress, person handles kept.' });

    const second = withMore(first, ['US region is clean', 'Rollback finished, error rate back to baseline', 'Can we close the bridge?']);
    await summarizer.summarize(summaryRequest('catch_up', { timeline: second }));
    const [before, after] = llm.requests.map((r) => countChatTokens(r.body.messages));
    const data = quotedData(llm.userPrompts()[1]);
    expect(data.facts_so_far).to.deep.equal(['FACTS-0: rollback in progress, person handles kept.']);
    expect(data.entries.map((e) => e.text)).to.deep.equal(['US region is clean', 'Rollback finished, error rate back to baseline', 'Can we close the bridge?']);
    expect(after).to.be.lessThan(before / 5);
    expect((await summaries.get('inc-42', FACTS_KIND))?.coveredThrough).to.equal(second.length);
  });

  it('shares the rolling facts between a catch-up and a status update', async () => {
    const { summarizer } = summarizerAgainst(llm);
    const first = longTimeline(100);
    await summarizer.summarize(summaryRequest('catch_up', { timeline: first }));
    await summarizer.summarize(summaryRequest('status_update', { audience: 'internal', timeline: withMore(first, ['Mitigation holding']) }));
    const data = quotedData(llm.userPrompts()[1]);
    expect(data.facts_so_far).to.have.length(1);
    expect(data.entries.map((e) => e.text)).to.deep.equal(['Mitigation holding']);
  });

  it('rebuilds the facts when a message they cover is deleted, so it leaves the record', async () => {
    const { summarizer } = summarizerAgainst(llm);
    const timeline = longTimeline(20);
    await summarizer.summarize(summaryRequest('catch_up', { timeline }));
    const pasted = timeline.findIndex((e) => e.kind === 'message');
    const afterDeletion = timeline.map((e, i) => (i === pasted ? { ...e, text: '', deletedAt: minutes(50) } : e));
    await summarizer.summarize(summaryRequest('catch_up', { timeline: afterDeletion }));
    const data = quotedData(llm.userPrompts()[1]);
    expect(data.facts_so_far).to.deep.equal([]);
    expect(data.entries).to.have.length(timeline.length - 1);
  });

  it('resends everything when the incremental scheme is off', async () => {
    const { summarizer } = summarizerAgainst(llm, { incremental: false });
    const first = longTimeline(50);
    await summarizer.summarize(summaryRequest('catch_up', { timeline: first }));
    await summarizer.summarize(summaryRequest('catch_up', { timeline: withMore(first, ['one more']) }));
    expect(quotedData(llm.userPrompts()[1]).entries).to.have.length(first.length + 1);
    expect(llm.requests[1].body.messages[0].content).to.not.include('"facts"');
  });

  it('chunks a timeline longer than the budget, condenses it and stays within the budget in every request', async () => {
    const budget = 6_000;
    const { summarizer, events } = summarizerAgainst(llm, { contextBudgetTokens: budget, chunkTokens: 3_000, factsMaxTokens: 400, mapConcurrency: 2 });
    const timeline = longTimeline(2_000);
    const result = await summarizer.summarize(summaryRequest('catch_up', { timeline }));

    expect(result.producedBy).to.equal('openai:fake-model');
    expect(events[0].mapReduce).to.equal(true);
    for (const r of llm.requests) expect(countChatTokens(r.body.messages)).to.be.at.most(budget);
    const isNotes = (r: { body: ChatCompletionBody }) => r.body.messages[0].content.includes('Condense one part');
    const isMerge = (r: { body: ChatCompletionBody }) => r.body.messages[0].content.includes('Merge notes');
    const final = llm.requests.at(-1)!;
    expect(isNotes(final) || isMerge(final)).to.equal(false);
    // Every entry was read exactly once: by a map call, or verbatim by the final request.
    const mapped = llm.requests.filter(isNotes).reduce((sum, r) => sum + quotedData(r.body.messages[1].content).entries.length, 0);
    const finalData = quotedData(final.body.messages[1].content);
    expect(mapped + finalData.entries.length).to.equal(timeline.length);
    expect(finalData.entries.at(-1)!.text).to.equal(timeline.at(-1)!.text);
    expect(finalData.facts_so_far.length).to.be.greaterThan(0);
    expect(finalData.facts_so_far.every((f) => f.startsWith('FACTS-'))).to.equal(true);
  });
});
