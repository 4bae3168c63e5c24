import type { Summarizer } from '@muster/core';
import { isLlmConfigured, resolveSummarizerConfig, type SummarizerConfigInput } from './config/summarizer-config';
import { ExtractiveSummarizer } from './extractive/extractive-summarizer';
import { fallbackReason } from './llm/fallback-reason';
import { OpenAiSummarizer, type SummarizerDeps } from './openai/openai-summarizer';

/**
 * The summarizer the server registers. With an endpoint configured (a key, or a base URL for a local
 * server), the model drafts and the extractive summary stands in when it cannot. Without one, the
 * extractive summary answers everything and says why: no key, no problem.
 */
export function createSummarizer(config: SummarizerConfigInput, deps: SummarizerDeps): Summarizer {
  const resolved = resolveSummarizerConfig(config);
  if (isLlmConfigured(resolved.llm)) return new OpenAiSummarizer(resolved, deps);
  return new ExtractiveSummarizer({
    clock: deps.clock,
    extraRedactionPatterns: resolved.extraRedactionPatterns,
    reason: fallbackReason('not_configured', 'no LLM endpoint is configured (set OPENAI_API_KEY or OPENAI_BASE_URL)'),
  });
}
