/** Stable codes for why the extractive summarizer answered; the text after the colon is for people. */
export type FallbackCode =
  | 'not_configured'
  | 'private_incident'
  | 'timeout'
  | 'rate_limited'
  | 'llm_unavailable'
  | 'llm_rejected'
  | 'invalid_output'
  /** The endpoint answered 200 without a usable message: no `choices`, an empty list, null content, a refusal. */
  | 'empty_reply';

export const fallbackReason = (code: FallbackCode, detail: string): string => `${code}: ${detail}`;

/** The code at the start of a `fallbackReason`, for metrics and tests. */
export const fallbackCodeOf = (reason: string | undefined): FallbackCode | undefined =>
  reason ? (reason.split(':', 1)[0] as FallbackCode) : undefined;

/** An LLM call that could not produce a usable answer; the summarizer turns it into a fallback. */
export class LlmCallFailed extends Error {
  override readonly name = 'LlmCallFailed';
  constructor(readonly code: FallbackCode, readonly detail: string, options?: { cause?: unknown }) {
    super(fallbackReason(code, detail), options);
  }
}
