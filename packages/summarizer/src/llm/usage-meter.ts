import { performance } from 'node:perf_hooks';
import { countChatTokens } from '../tokens/token-counter';
import type { TokenCalibration } from '../tokens/token-calibration';
import type { ChatMessage } from '../prompt/prompts';

/** What one summary cost: calls, tokens (ours and the server's) and time spent waiting on the model. */
export class UsageMeter {
  calls = 0;
  invalidReplies = 0;
  promptTokens = 0;
  completionTokens = 0;
  /** Our own o200k count of everything sent, for servers that report no usage and for the benchmark. */
  localPromptTokens = 0;
  /** Wall time with at least one call in flight: parallel map calls count once. */
  llmWaitMs = 0;
  private readonly started = performance.now();
  private inFlight = 0;
  private waitStarted = 0;

  constructor(private readonly calibration: TokenCalibration) {}

  /** Counts the prompt and times the wait; feeds the reported usage back into the calibration. */
  async measure<T extends { usage?: { promptTokens: number; completionTokens: number }; requests?: number }>(
    model: string,
    messages: readonly ChatMessage[],
    call: () => Promise<T>,
  ): Promise<T> {
    const local = countChatTokens(messages);
    this.calls++;
    this.localPromptTokens += local;
    if (this.inFlight++ === 0) this.waitStarted = performance.now();
    try {
      const reply = await call();
      // A refused json_schema request was a call too; the stats should show what the endpoint saw.
      this.calls += Math.max(0, (reply.requests ?? 1) - 1);
      this.promptTokens += reply.usage?.promptTokens ?? 0;
      this.completionTokens += reply.usage?.completionTokens ?? 0;
      this.calibration.observe(model, local, reply.usage?.promptTokens);
      return reply;
    } finally {
      if (--this.inFlight === 0) this.llmWaitMs += performance.now() - this.waitStarted;
    }
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** Time spent in the summarizer itself: redaction, counting, planning, validation, rendering. */
  overheadMs(): number {
    return Math.max(0, this.elapsedMs() - this.llmWaitMs);
  }
}
