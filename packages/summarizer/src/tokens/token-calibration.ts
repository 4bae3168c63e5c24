/**
 * Local token counts are exact only for OpenAI's tokenizer. For any other model we learn, per model,
 * how the server's reported `usage.prompt_tokens` compares with our count, and scale estimates by it,
 * so budgets hold for Llama or Mistral behind vLLM as well as for GPT-4o.
 */
export class TokenCalibration {
  // Per instance by design: an estimate each instance learns from its own calls; budgets keep their margin meanwhile.
  private readonly ratios = new Map<string, { ratio: number; samples: number }>();

  /** Never trust the local count to be an over-estimate by more than this; never scale up beyond MAX. */
  static readonly MIN_RATIO = 0.8;
  static readonly MAX_RATIO = 3;

  /** Record one call: our estimate for the prompt against what the server billed. */
  observe(model: string, localPromptTokens: number, reportedPromptTokens: number | undefined): void {
    if (!reportedPromptTokens || localPromptTokens <= 0) return;
    const observed = clamp(reportedPromptTokens / localPromptTokens);
    const current = this.ratios.get(model);
    // A moving average that settles after a handful of calls but still follows a model swap behind the same name.
    const samples = Math.min((current?.samples ?? 0) + 1, 10);
    const ratio = current ? current.ratio + (observed - current.ratio) / samples : observed;
    this.ratios.set(model, { ratio, samples });
  }

  /** The multiplier for `model`: 1 until the server has told us otherwise. */
  ratio(model: string): number {
    return this.ratios.get(model)?.ratio ?? 1;
  }

  /** Budgets use calibrated counts, rounded up: a budget is a ceiling. */
  scale(model: string, localTokens: number): number {
    return Math.ceil(localTokens * this.ratio(model));
  }

  snapshot(): Readonly<Record<string, number>> {
    return Object.fromEntries([...this.ratios].map(([model, { ratio }]) => [model, Math.round(ratio * 1000) / 1000]));
  }
}

const clamp = (r: number) => Math.min(TokenCalibration.MAX_RATIO, Math.max(TokenCalibration.MIN_RATIO, r));
