import { runSummarizerTokensBench } from '../summarizer-tokens.bench';
import type { Suite } from './suite';

/** Issue 5's bench line, written by the summarizer's engineer (summarizer-tokens.bench.ts). */
export const summarizerTokensSuite: Suite = {
  name: 'summarizer-tokens',
  summary: 'tokens sent for 20 summaries of a 10,000-message incident, incremental vs resend-everything; summarizer overhead excluding the LLM',
  run: ({ quick }) => runSummarizerTokensBench(quick ? { messages: 2_000, repetitions: 2 } : {}),
};
