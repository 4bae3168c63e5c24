import type { z } from 'zod';
import { LLM_TASKS, type FileLlmSection } from './file-config';
import { numberFrom, settings, text, wholeNumber } from './schema-kit';

const tokens = () => wholeNumber(1, 2_000_000).optional();

/** `llm:`: which model for what, and its limits. The endpoint and key come from the environment only. */
export const LLM_SECTION: z.ZodType<FileLlmSection> = settings({
  model: text().optional(),
  models: settings(Object.fromEntries(LLM_TASKS.map((task) => [task, text().optional()]))).optional(),
  timeoutMs: wholeNumber(1, 600_000).optional(),
  deadlineMs: wholeNumber(1, 3_600_000).optional(),
  maxRetries: wholeNumber(0, 10).optional(),
  temperature: numberFrom(0, 2).optional(),
  budgets: settings({ contextTokens: tokens(), chunkTokens: tokens(), factsTokens: tokens(), entryTokens: tokens() }).optional(),
});
