export { createSummarizer } from './create-summarizer';
export {
  defaultSummarizerConfig, defaultLlmSettings, resolveSummarizerConfig, isLlmConfigured, DEFAULT_MODEL, DEFAULT_BASE_URL,
  type SummarizerConfig, type SummarizerConfigInput, type LlmConfig, type ModelTask, type ResolvedSummarizerConfig,
} from './config/summarizer-config';
export { OpenAiSummarizer, type SummarizerDeps } from './openai/openai-summarizer';
export { FACTS_KIND } from './openai/rolling-facts';
export { ExtractiveSummarizer, EXTRACTIVE, type ExtractiveOptions } from './extractive/extractive-summarizer';
export { redact, Redactor } from './redaction/redact';
export { SECRET_PATTERNS, EXTERNAL_AUDIENCE_PATTERNS, PLACEHOLDER, type RedactionPattern } from './redaction/redaction-patterns';
export { fallbackCodeOf, type FallbackCode } from './llm/fallback-reason';
export { type SummarizerStats, type SummaryEvent, type SummaryEventListener } from './stats/summarizer-stats';
export { countTokens, countChatTokens } from './tokens/token-counter';
