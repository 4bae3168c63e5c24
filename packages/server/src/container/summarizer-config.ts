import type { SummarizerConfigInput } from '@muster/summarizer';
import type { ServerConfig } from '../config/server-config';

/** OPENAI_API_KEY, OPENAI_BASE_URL, MUSTER_LLM_MODEL and muster.yaml's `llm:` in the summarizer's terms. */
export function summarizerConfigFrom(config: ServerConfig): SummarizerConfigInput {
  const { llm } = config;
  const budgets = llm.budgets ?? {};
  return {
    llm: llm.apiKey || llm.baseUrl
      ? {
        apiKey: llm.apiKey,
        baseURL: llm.baseUrl,
        model: llm.model,
        models: llm.models,
        requestTimeoutMs: llm.timeoutMs,
        deadlineMs: llm.deadlineMs,
        maxRetries: llm.maxRetries,
        temperature: llm.temperature,
      }
      : undefined,
    summarizePrivate: config.settings.summarizePrivateIncidents,
    contextBudgetTokens: budgets.contextTokens,
    chunkTokens: budgets.chunkTokens,
    factsMaxTokens: budgets.factsTokens,
    maxEntryTokens: budgets.entryTokens,
  };
}
