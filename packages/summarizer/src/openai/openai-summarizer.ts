import { readTimeline, type Clock, type Logger, type Summarizer, type SummaryRequest, type SummaryResult, type SummaryStateRepository } from '@muster/core';
import { resolveSummarizerConfig, type ResolvedLlmConfig, type ResolvedSummarizerConfig, type SummarizerConfigInput } from '../config/summarizer-config';
import { ExtractiveSummarizer } from '../extractive/extractive-summarizer';
import { ChatClient } from '../llm/chat-client';
import { fallbackCodeOf, fallbackReason, LlmCallFailed } from '../llm/fallback-reason';
import { UsageMeter } from '../llm/usage-meter';
import { StatsCollector, type SummarizerStats, type SummaryEventListener } from '../stats/summarizer-stats';
import { TokenCalibration } from '../tokens/token-calibration';
import { draftWithLlm, type DraftOutcome } from './llm-draft';
import { RollingFacts } from './rolling-facts';

export interface SummarizerDeps {
  readonly summaries: SummaryStateRepository;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Called once per summary with counts and times (never text): the metrics hook. */
  readonly onSummary?: SummaryEventListener;
}

/**
 * Drafts with any OpenAI-compatible endpoint and answers with the extractive summary whenever the
 * model cannot: not configured, private incident not allowed, timeout, rate limit, error, or a
 * reply that stays invalid after one correction. It never throws for a model failure.
 */
export class OpenAiSummarizer implements Summarizer {
  readonly config: ResolvedSummarizerConfig;
  private readonly extractive: ExtractiveSummarizer;
  private readonly client?: ChatClient;
  private readonly calibration = new TokenCalibration();
  private readonly collector = new StatsCollector();
  private readonly rolling: RollingFacts;

  constructor(config: SummarizerConfigInput | ResolvedSummarizerConfig, private readonly deps: SummarizerDeps) {
    this.config = resolveSummarizerConfig(config);
    const clock = deps.clock ?? { now: () => new Date() };
    this.extractive = new ExtractiveSummarizer({ clock, extraRedactionPatterns: this.config.extraRedactionPatterns });
    this.rolling = new RollingFacts(deps.summaries, clock);
    if (this.config.llm) this.client = new ChatClient(this.config.llm, deps.logger);
  }

  async summarize(request: SummaryRequest): Promise<SummaryResult> {
    const meter = new UsageMeter(this.calibration);
    const llm = this.config.llm;
    if (!llm || !this.client) return this.fallBack(request, meter, fallbackReason('not_configured', 'no LLM endpoint is configured (set OPENAI_API_KEY or OPENAI_BASE_URL)'));
    if (request.incident.private && !this.config.summarizePrivate) {
      return this.fallBack(request, meter, fallbackReason('private_incident', 'private incidents are not sent to the LLM unless summarizePrivate is enabled'));
    }
    let outcome: DraftOutcome;
    try {
      outcome = await draftWithLlm(request, {
        config: { ...this.config, llm },
        client: this.client,
        calibration: this.calibration,
        rolling: this.rolling,
        meter,
        signal: AbortSignal.timeout(llm.deadlineMs),
      });
    } catch (error) {
      if (error instanceof LlmCallFailed) return this.fallBack(request, meter, error.message);
      // A bug of ours must not cost anyone their catch-up: log it and answer without the model.
      this.deps.logger?.error('summarizer: unexpected failure; answering extractively', { incidentId: request.incident.id, kind: request.kind, error: String(error) });
      return this.fallBack(request, meter, fallbackReason('llm_unavailable', 'the AI summary failed unexpectedly (details are in the log)'));
    }
    const result: SummaryResult = {
      ...outcome.product,
      producedBy: `openai:${outcome.model}`,
      usage: usageOf(meter),
    };
    this.report(request, result, meter, outcome);
    return result;
  }

  /** Totals since start: calls, tokens, fallbacks by reason, redactions by pattern, token ratios. */
  stats(): SummarizerStats {
    return this.collector.snapshot(this.calibration.snapshot());
  }

  /** The extractive answer needs the whole structure, so it reads the timeline (in pages) itself. */
  private async fallBack(request: SummaryRequest, meter: UsageMeter, reason: string): Promise<SummaryResult> {
    const code = fallbackCodeOf(reason);
    if (code !== 'not_configured' && code !== 'private_incident') {
      this.deps.logger?.warn('summarizer: answering without the model', { incidentId: request.incident.id, kind: request.kind, reason });
    }
    const answer = this.extractive.summarizeNow(request, await readTimeline(request.timeline), reason);
    const result = meter.calls ? { ...answer, usage: usageOf(meter) } : answer;
    this.report(request, result, meter);
    return result;
  }

  private report(request: SummaryRequest, result: SummaryResult, meter: UsageMeter, outcome?: DraftOutcome): void {
    const event = {
      kind: request.kind,
      producedBy: result.producedBy,
      fallbackCode: fallbackCodeOf(result.fallbackReason),
      calls: meter.calls,
      invalidReplies: meter.invalidReplies,
      promptTokens: meter.promptTokens,
      completionTokens: meter.completionTokens,
      localPromptTokens: meter.localPromptTokens,
      entriesSent: outcome?.entriesSent ?? 0,
      reusedFacts: outcome?.reusedFacts ?? false,
      mapReduce: outcome?.mapReduce ?? false,
      durationMs: meter.elapsedMs(),
      overheadMs: meter.overheadMs(),
      redactions: outcome?.redactions ?? {},
    };
    this.collector.record(event);
    try {
      this.deps.onSummary?.(event);
    } catch (error) {
      this.deps.logger?.warn('summarizer: the onSummary listener threw', { error: String(error) });
    }
  }
}

/** The server's counts when it reports them; our own estimate of the prompt otherwise. */
function usageOf(meter: UsageMeter): SummaryResult['usage'] {
  return { promptTokens: meter.promptTokens || meter.localPromptTokens, completionTokens: meter.completionTokens };
}

export type { ResolvedLlmConfig };
