import { correctionNote, type ChatMessage } from '../prompt/prompts';
import type { OutputSchema } from '../schema/output-schema';
import { validateOutput } from '../schema/validate-output';
import type { ChatClient } from './chat-client';
import { LlmCallFailed } from './fallback-reason';
import type { UsageMeter } from './usage-meter';

export interface StructuredCall {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly schema: OutputSchema;
  readonly signal: AbortSignal;
  /** Checks beyond the schema (an external draft naming a person); returns problems to correct. */
  readonly check?: (value: Readonly<Record<string, string>>) => readonly string[];
}

/**
 * One call whose reply must match `schema`. An unusable reply (not JSON, a field missing, too long,
 * cut off, failing `check`) gets exactly one retry with a note on what was wrong; a second failure
 * ends in `invalid_output`, and the caller falls back to the extractive summary.
 */
export async function callForJson(client: ChatClient, meter: UsageMeter, call: StructuredCall): Promise<Readonly<Record<string, string>>> {
  const maxOutputTokens = outputTokenLimit(call.schema);
  let messages = call.messages;
  let problems: readonly string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const reply = await meter.measure(call.model, messages, () => client.complete({ model: call.model, messages, maxOutputTokens, schema: call.schema, signal: call.signal }));
    const outcome: Outcome = reply.finishReason === 'length'
      ? { problems: ['the reply was cut off at the output token limit; write less'] }
      : evaluate(call, reply.content);
    if (outcome.value) return outcome.value;
    problems = outcome.problems;
    meter.invalidReplies++;
    messages = [...call.messages, correctionNote(problems)];
  }
  throw new LlmCallFailed('invalid_output', `the model's reply did not match the expected format twice (${problems.join('; ')})`);
}

type Outcome = { readonly value?: Readonly<Record<string, string>>; readonly problems: readonly string[] };

function evaluate(call: StructuredCall, content: string): Outcome {
  const result = validateOutput(call.schema, content);
  if (!result.ok) return { problems: result.problems };
  const problems = call.check?.(result.value) ?? [];
  return problems.length ? { problems } : { value: result.value, problems };
}

/** Enough output tokens for every field at its limit (about three characters per token, JSON included). */
export function outputTokenLimit(schema: OutputSchema): number {
  return Math.ceil(schema.fields.reduce((sum, f) => sum + f.maxChars, 0) / 3) + 64;
}
