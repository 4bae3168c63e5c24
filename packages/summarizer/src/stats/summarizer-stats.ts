import type { SummaryKind } from '@muster/core';
import type { FallbackCode } from '../llm/fallback-reason';

/** One summary, as reported to the metrics hook. Never carries text: only counts and times. */
export interface SummaryEvent {
  readonly kind: SummaryKind;
  readonly producedBy: string;
  readonly fallbackCode?: FallbackCode;
  readonly calls: number;
  readonly invalidReplies: number;
  /** As reported by the server (`usage`); 0 when it reports none. */
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Our own o200k count of everything sent. */
  readonly localPromptTokens: number;
  /** New timeline entries sent this time, and whether the rolling facts were reused. */
  readonly entriesSent: number;
  readonly reusedFacts: boolean;
  readonly mapReduce: boolean;
  readonly durationMs: number;
  /** Time not spent waiting on the model: redaction, counting, planning, validation, rendering. */
  readonly overheadMs: number;
  /** Replacements made by each redaction pattern. */
  readonly redactions: Readonly<Record<string, number>>;
}

/** Totals since start, for `/metrics` and the README's figures. */
export interface SummarizerStats {
  readonly summaries: number;
  readonly byProducer: Readonly<Record<string, number>>;
  readonly fallbacks: Readonly<Partial<Record<FallbackCode, number>>>;
  readonly calls: number;
  readonly invalidReplies: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly localPromptTokens: number;
  readonly redactions: Readonly<Record<string, number>>;
  /** Per model: server-reported prompt tokens per local token. */
  readonly tokenRatios: Readonly<Record<string, number>>;
}

export type SummaryEventListener = (event: SummaryEvent) => void;

export class StatsCollector {
  private summaries = 0;
  private calls = 0;
  private invalidReplies = 0;
  private promptTokens = 0;
  private completionTokens = 0;
  private localPromptTokens = 0;
  private readonly byProducer: Record<string, number> = {};
  private readonly fallbacks: Partial<Record<FallbackCode, number>> = {};
  private readonly redactions: Record<string, number> = {};

  record(event: SummaryEvent): void {
    this.summaries++;
    this.calls += event.calls;
    this.invalidReplies += event.invalidReplies;
    this.promptTokens += event.promptTokens;
    this.completionTokens += event.completionTokens;
    this.localPromptTokens += event.localPromptTokens;
    this.byProducer[event.producedBy] = (this.byProducer[event.producedBy] ?? 0) + 1;
    if (event.fallbackCode) this.fallbacks[event.fallbackCode] = (this.fallbacks[event.fallbackCode] ?? 0) + 1;
    for (const [name, n] of Object.entries(event.redactions)) this.redactions[name] = (this.redactions[name] ?? 0) + n;
  }

  snapshot(tokenRatios: Readonly<Record<string, number>>): SummarizerStats {
    return {
      summaries: this.summaries,
      byProducer: { ...this.byProducer },
      fallbacks: { ...this.fallbacks },
      calls: this.calls,
      invalidReplies: this.invalidReplies,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      localPromptTokens: this.localPromptTokens,
      redactions: { ...this.redactions },
      tokenRatios,
    };
  }
}

