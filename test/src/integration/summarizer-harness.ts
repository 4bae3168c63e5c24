import { type Logger, type SummaryStateRepository } from '@muster/core';
import { InMemoryDatabase, InMemorySummaryStateRepository } from '@muster/core/testing';
import { OpenAiSummarizer, type SummarizerConfigInput, type SummaryEvent } from '@muster/summarizer';
import { minutes } from '@muster/summarizer/testing';
import type { FakeOpenAi } from '../fakes/fake-openai';

export interface Harness {
  readonly summarizer: OpenAiSummarizer;
  readonly summaries: SummaryStateRepository;
  readonly events: SummaryEvent[];
  readonly logs: string[];
}

/** An OpenAiSummarizer pointed at the fake, with core's in-memory summary state and a quiet logger. */
export function summarizerAgainst(llm: FakeOpenAi, config: SummarizerConfigInput = {}): Harness {
  const summaries = new InMemorySummaryStateRepository(new InMemoryDatabase());
  const events: SummaryEvent[] = [];
  const logs: string[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => logs.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const summarizer = new OpenAiSummarizer(
    {
      ...config,
      llm: { baseURL: llm.baseUrl, apiKey: llm.apiKey ?? undefined, model: 'fake-model', requestTimeoutMs: 5_000, maxRetries: 0, ...config.llm },
    },
    { summaries, clock: { now: () => minutes(45) }, logger, onSummary: (e) => events.push(e) },
  );
  return { summarizer, summaries, events, logs };
}

/** The data block of a recorded user prompt, parsed: what the model was given as quoted data. */
export function quotedData(userPrompt: string): { incident: Record<string, unknown>; facts_so_far: string[]; entries: { at: string; kind: string; by?: string; text: string }[] } {
  const match = /<<<DATA ([0-9a-f]+)>>>\n([\s\S]*)\n<<<END DATA \1>>>/.exec(userPrompt);
  if (!match) throw new Error('no data block in the prompt');
  return JSON.parse(match[2]);
}
