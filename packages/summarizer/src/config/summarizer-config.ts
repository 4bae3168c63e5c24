import { MusterError, type SummaryKind } from '@muster/core';
import type { RedactionPattern } from '../redaction/redaction-patterns';

/** Which model answers which call. `digest` covers the map and reduce calls over long timelines. */
export type ModelTask = SummaryKind | 'digest';

/** One OpenAI-compatible endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, LiteLLM...). */
export interface LlmConfig {
  /** `https://api.openai.com/v1` when unset. The SDK's own env lookup is bypassed on purpose. */
  readonly baseURL?: string;
  /** Local servers (Ollama, vLLM) often need none. */
  readonly apiKey?: string;
  /** The default model for every task (`gpt-4o-mini` when unset). */
  readonly model?: string;
  /** Per-task overrides, e.g. a cheaper model for `digest`. */
  readonly models?: Partial<Record<ModelTask, string>>;
  /** One HTTP attempt; the SDK retries a timed-out attempt like any other transient failure. */
  readonly requestTimeoutMs?: number;
  /** The SDK's bounded retries on 408/409/429/5xx and connection errors, honouring Retry-After. */
  readonly maxRetries?: number;
  /** The whole summary, all calls and retries included; past it the extractive answer is used. */
  readonly deadlineMs?: number;
  /** 0.2 by default; `null` leaves it out of the request (reasoning models refuse anything but their own). */
  readonly temperature?: number | null;
  /**
   * Cap on each reply's tokens (4,096 by default). The prompt budget plus this must fit the model's
   * context window; replies cut off at the cap count as invalid output.
   */
  readonly maxOutputTokens?: number;
  /** Older compatible servers know only `max_tokens`; OpenAI's reasoning models want `max_completion_tokens`. */
  readonly maxTokensParameter?: 'max_tokens' | 'max_completion_tokens';
}

export interface SummarizerConfig {
  /** No LLM configured: the extractive summarizer answers everything. */
  readonly llm?: LlmConfig;
  /** Whether private incidents may be sent to the LLM at all (core's `summarizePrivateIncidents`). */
  readonly summarizePrivate: boolean;
  /** Send only what is new since the last summary plus the rolling facts (false: resend everything). */
  readonly incremental: boolean;
  /** The most prompt tokens any single request may carry: system prompt, facts and entries included. */
  readonly contextBudgetTokens: number;
  /** Size of one map chunk of timeline entries when the new entries do not fit in one request. */
  readonly chunkTokens: number;
  /** Size limit of the rolling facts and of each chunk's notes. */
  readonly factsMaxTokens: number;
  /** One timeline entry is cut beyond this, so a pasted log cannot crowd out the rest. */
  readonly maxEntryTokens: number;
  /** Map calls running at once over a long timeline. */
  readonly mapConcurrency: number;
  /** Added to the built-in redaction patterns (site hostnames, customer ids...). */
  readonly extraRedactionPatterns: readonly RedactionPattern[];
}

export const DEFAULT_MODEL = 'gpt-4o-mini';
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const defaultSummarizerConfig: SummarizerConfig = {
  llm: undefined,
  summarizePrivate: false,
  incremental: true,
  contextBudgetTokens: 12_000,
  chunkTokens: 6_000,
  factsMaxTokens: 700,
  maxEntryTokens: 400,
  mapConcurrency: 3,
  extraRedactionPatterns: [],
};

export const defaultLlmSettings = {
  requestTimeoutMs: 30_000,
  maxRetries: 2,
  deadlineMs: 90_000,
  temperature: 0.2 as number | null,
  maxOutputTokens: 4_096,
  maxTokensParameter: 'max_tokens' as const,
};

/** What callers pass: any field may be left out. */
export type SummarizerConfigInput = Partial<SummarizerConfig>;

export type ResolvedLlmConfig = Required<Omit<LlmConfig, 'apiKey' | 'models'>> &
  Pick<LlmConfig, 'apiKey'> & { readonly models: Partial<Record<ModelTask, string>> };

export interface ResolvedSummarizerConfig extends Omit<SummarizerConfig, 'llm'> {
  readonly llm?: ResolvedLlmConfig;
}

/** An LLM counts as configured when it has somewhere to go: a key (OpenAI) or a base URL (local server). */
export function isLlmConfigured(llm: LlmConfig | undefined): llm is LlmConfig {
  return !!llm && !!(nonEmpty(llm.apiKey) || nonEmpty(llm.baseURL));
}

/** Fill defaults and refuse budgets that cannot work, naming the field to fix. */
export function resolveSummarizerConfig(input: SummarizerConfigInput = {}): ResolvedSummarizerConfig {
  const config = { ...defaultSummarizerConfig, ...stripUndefined(input) };
  const positive = ['contextBudgetTokens', 'chunkTokens', 'factsMaxTokens', 'maxEntryTokens', 'mapConcurrency'] as const;
  for (const key of positive) {
    if (!Number.isInteger(config[key]) || config[key] <= 0) fail(`summarizer.${key} must be a positive whole number (got ${config[key]}).`);
  }
  // A reduce step merges at least two notes into one; that only shrinks anything if two notes fit in a chunk.
  if (config.factsMaxTokens * 2 > config.chunkTokens) fail(`summarizer.chunkTokens (${config.chunkTokens}) must be at least twice summarizer.factsMaxTokens (${config.factsMaxTokens}).`);
  if (config.maxEntryTokens > config.chunkTokens) fail(`summarizer.maxEntryTokens (${config.maxEntryTokens}) must not exceed summarizer.chunkTokens (${config.chunkTokens}).`);
  // Room for the instructions, the incident header, the rolling facts and a chunk of entries.
  if (config.chunkTokens + config.factsMaxTokens + PROMPT_RESERVE_TOKENS > config.contextBudgetTokens) {
    fail(`summarizer.contextBudgetTokens (${config.contextBudgetTokens}) must be at least chunkTokens + factsMaxTokens + ${PROMPT_RESERVE_TOKENS} (${config.chunkTokens + config.factsMaxTokens + PROMPT_RESERVE_TOKENS}).`);
  }
  return { ...config, llm: isLlmConfigured(config.llm) ? resolveLlm(config.llm) : undefined };
}

/** What the instructions and the incident header may take, at most, besides facts and entries. */
export const PROMPT_RESERVE_TOKENS = 1_500;

function resolveLlm(llm: LlmConfig): ResolvedLlmConfig {
  const resolved: ResolvedLlmConfig = {
    ...defaultLlmSettings,
    ...stripUndefined(llm),
    baseURL: nonEmpty(llm.baseURL) ?? DEFAULT_BASE_URL,
    apiKey: nonEmpty(llm.apiKey),
    model: nonEmpty(llm.model) ?? DEFAULT_MODEL,
    models: llm.models ?? {},
  };
  for (const key of ['requestTimeoutMs', 'deadlineMs', 'maxOutputTokens'] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] <= 0) fail(`summarizer.llm.${key} must be a positive whole number.`);
  }
  if (!Number.isInteger(resolved.maxRetries) || resolved.maxRetries < 0 || resolved.maxRetries > 10) fail('summarizer.llm.maxRetries must be between 0 and 10.');
  return resolved;
}

export function modelFor(llm: ResolvedLlmConfig, task: ModelTask): string {
  return llm.models[task] ?? llm.model;
}

const nonEmpty = (value: string | undefined): string | undefined => (value && value.trim() ? value.trim() : undefined);

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function fail(message: string): never {
  throw new MusterError('configuration', message);
}
