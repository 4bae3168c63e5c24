import { type SummaryKind, type SummaryRequest, type TimelineEntry } from '@muster/core';
import { InMemoryDatabase, InMemorySummaryStateRepository } from '@muster/core/testing';
import { countChatTokens, OpenAiSummarizer, type SummaryEvent } from '@muster/summarizer';
import { longTimeline, summaryRequest } from '@muster/summarizer/testing';
import type { BenchResult } from './bench-result';

/**
 * Tokens sent for 20 summaries spread over a 10,000-message incident, with the incremental scheme
 * (rolling facts + only new entries) against resending everything, both measured on the requests
 * the fake OpenAI server received; and the summarizer's own time per summary, LLM waits excluded.
 */
export async function runSummarizerTokensBench(options: { messages?: number; summaries?: number; repetitions?: number } = {}): Promise<BenchResult> {
  const messages = options.messages ?? 10_000;
  const summaries = options.summaries ?? 20;
  // 3 (was 5): token counts are deterministic; only the overhead figures (context) use the repetitions, and
  // resending everything five times was 177 s of the 39-minute full run of 2026-12-02.
  const repetitions = options.repetitions ?? 3;
  const timeline = longTimeline(messages);
  const requests = plannedRequests(timeline, summaries);

  // Warm up once: the tokenizer's ranks take about half a second to load, once per process.
  await runOnce([requests[0]], true, false);

  const incremental: RunResult[] = [];
  const resend: RunResult[] = [];
  for (let i = 0; i < repetitions; i++) {
    incremental.push(await runOnce(requests, true, i === 0));
    resend.push(await runOnce(requests, false, i === 0));
  }
  // Token counts are deterministic (same requests, same tokenizer), so the floor is counted once.
  const floor = await runOnce(floorRequests(timeline, summaries), false, true, FLOOR_BUDGET_TOKENS);
  const sentIncremental = incremental[0].tokensReceived!;
  const sentResend = resend[0].tokensReceived!;
  const sentFloor = floor.tokensReceived!;
  const ratio = sentIncremental / sentResend;
  const floorRatio = sentIncremental / sentFloor;
  const perSummary = (runs: RunResult[]) => runs.map((r) => r.overheadMs / requests.length);

  return {
    name: 'summarizer-tokens',
    metrics: {
      timeline_entries: timeline.length,
      summaries: requests.length,
      repetitions,
      tokens_sent_incremental: sentIncremental,
      tokens_sent_resend_everything: sentResend,
      tokens_floor_new_content_plus_fixed_prompt: sentFloor,
      llm_calls_floor: floor.calls,
      tokens_saved_pct: round((1 - ratio) * 100, 1),
      llm_calls_incremental: incremental[0].calls,
      llm_calls_resend_everything: resend[0].calls,
      ...spread('overhead_ms_per_summary_incremental', perSummary(incremental)),
      ...spread('overhead_ms_per_summary_resend_everything', perSummary(resend)),
      ...spread('overhead_ms_max_single_summary_incremental', incremental.map((r) => r.maxOverheadMs)),
    },
    targets: [
      { metric: 'tokens_sent_incremental / tokens_sent_resend_everything', target: '<= 0.25', actual: round(ratio, 3), met: ratio <= 0.25 },
      { metric: 'tokens_sent_incremental / tokens_floor_new_content_plus_fixed_prompt', target: '<= 1.3', actual: round(floorRatio, 3), met: floorRatio <= 1.3 },
    ],
    notes: [
      `${messages} chat messages (${timeline.length} timeline entries with status changes and notes); summary i of ${requests.length} sees the first i/${requests.length} of the timeline; kinds rotate through catch-up, internal and external updates and a final postmortem.`,
      'Tokens: o200k_base counts of every chat.completions request the fake server received (system + user messages + chat format overhead), retries and map/reduce calls included.',
      'The fake answers at once with valid JSON whose "facts" are about 500 tokens, as a real model would write them; default budgets (12,000-token context, 6,000-token chunks, 700-token facts).',
      'Floor (issue 14): per summary, one request holding only the entries new since the previous summary plus the fixed prompt (system instructions, output schema, the incident record), no facts carried: the same summarizer with incremental off, each request given just the new slice of the timeline (positions kept) and a context budget large enough that it is never split, counted on the fake server like the others. Its schema has no "facts" field, so asking for and carrying the rolling facts is counted as the incremental scheme\'s cost.',
      'Overhead: wall time of summarize() minus the time with at least one LLM call in flight (redaction, handles, token counting, planning, validation, rendering); median and spread over the repetitions.',
    ],
  };
}

interface RunResult {
  readonly calls: number;
  readonly overheadMs: number;
  readonly maxOverheadMs: number;
  /** o200k tokens of the requests the server recorded (counted on the first repetition only). */
  readonly tokensReceived?: number;
}

/** A context budget no slice reaches, so the floor is always one request per summary. */
const FLOOR_BUDGET_TOKENS = 10_000_000;

async function runOnce(requests: readonly SummaryRequest[], incremental: boolean, countReceived: boolean, contextBudgetTokens?: number): Promise<RunResult> {
  const llm = await startFakeOpenAi();
  llm.reply(realisticReply);
  const events: SummaryEvent[] = [];
  const summarizer = new OpenAiSummarizer(
    { incremental, ...(contextBudgetTokens && { contextBudgetTokens }), llm: { baseURL: llm.baseUrl, apiKey: llm.apiKey ?? undefined, model: 'fake-model', maxRetries: 0, deadlineMs: 600_000 } },
    { summaries: new InMemorySummaryStateRepository(new InMemoryDatabase()), onSummary: (e) => events.push(e) },
  );
  try {
    for (const request of requests) {
      const result = await summarizer.summarize(request);
      if (result.producedBy === 'extractive') throw new Error(`the bench fell back to extractive: ${result.fallbackReason}`);
    }
    return {
      calls: llm.requests.length,
      overheadMs: events.reduce((sum, e) => sum + e.overheadMs, 0),
      maxOverheadMs: Math.max(...events.map((e) => e.overheadMs)),
      tokensReceived: countReceived ? llm.requests.reduce((sum, r) => sum + countChatTokens(r.body.messages), 0) : undefined,
    };
  } finally {
    await llm.close();
  }
}

function plannedRequests(timeline: readonly TimelineEntry[], count: number): SummaryRequest[] {
  return planned(count, (k) => timeline.slice(0, endOf(k, timeline.length, count)));
}

/** The same summaries, each seeing only what is new since the one before (the floor's content). */
function floorRequests(timeline: readonly TimelineEntry[], count: number): SummaryRequest[] {
  return planned(count, (k) => timeline.slice(endOf(k - 1, timeline.length, count), endOf(k, timeline.length, count)));
}

const endOf = (k: number, length: number, count: number) => Math.round((k * length) / count);

function planned(count: number, slice: (k: number) => readonly TimelineEntry[]): SummaryRequest[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i + 1;
    const seen = slice(k);
    const kind: SummaryKind = k === count ? 'postmortem_narrative' : k % 5 === 0 ? 'status_update' : 'catch_up';
    return summaryRequest(kind, { timeline: seen, audience: kind === 'status_update' ? (k % 10 === 0 ? 'external' : 'internal') : undefined });
  });
}

/** Valid for any schema in the system prompt; facts of a realistic size (about 500 tokens). */
export function realisticReply(request: FakeRequest): { content: Record<string, string> } {
  const system = request.messages[0].content;
  const fields = [...system.matchAll(/"([a-z_]+)":\{"type":"string"/g)].map((m) => m[1]);
  const facts = Array.from({ length: 25 }, (_, i) => `- 10:${String(i).padStart(2, '0')} UTC checkout degraded, rollback step ${i}, owner person-abc123, p99 ${400 + i}ms.`).join('\n');
  return { content: Object.fromEntries(fields.map((f) => [f, f === 'facts' ? facts : f === 'body' ? 'Card payments are failing for some customers; a fix is being rolled out.' : `${f.replace(/_/g, ' ')}: see the record.`])) };
}

/**
 * The fake OpenAI server of the test workspace (test/src/fakes/fake-openai.ts). The bench workspace
 * does not reference `test` in its tsconfig, so it is loaded at run time from the built test
 * workspace and typed here by the little this bench uses.
 */
export interface FakeRequest { readonly messages: readonly { readonly role: string; readonly content: string }[] }
export interface FakeOpenAiLike {
  readonly baseUrl: string;
  readonly apiKey: string | null;
  readonly requests: readonly { readonly body: FakeRequest }[];
  reply(script: (request: FakeRequest, n: number) => { content: Record<string, string> }): unknown;
  close(): Promise<void>;
}

export async function startFakeOpenAi(): Promise<FakeOpenAiLike> {
  let module: { FakeOpenAi: { start(): Promise<FakeOpenAiLike> } };
  try {
    // A run-time require, not an import: see the interface comment above.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when this suite runs
    module = require('@muster/test/fakes/fake-openai');
  } catch (error) {
    throw new Error(`The summarizer bench needs the built test workspace for its fake OpenAI server: run \`npx tsc -b test\` first (${String(error)}).`);
  }
  return module.FakeOpenAi.start();
}

function spread(name: string, values: readonly number[]): Record<string, number> {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return { [`${name}_median`]: round(median, 2), [`${name}_min`]: round(sorted[0], 2), [`${name}_max`]: round(sorted[sorted.length - 1], 2) };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
