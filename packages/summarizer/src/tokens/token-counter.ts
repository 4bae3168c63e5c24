import { Tiktoken } from 'js-tiktoken/lite';
import o200kBase from 'js-tiktoken/ranks/o200k_base';

let encoder: Tiktoken | undefined;

/**
 * The o200k_base encoding (GPT-4o family), bundled with js-tiktoken: nothing is fetched at run time.
 * Built on first use because parsing the ranks takes about half a second.
 */
function tokenizer(): Tiktoken {
  encoder ??= new Tiktoken(o200kBase);
  return encoder;
}

/**
 * Chat text may contain `<|endoftext|>` and friends; they are ordinary characters to us, and the
 * library's default (throw on special tokens) would let one message break every summary.
 */
const encode = (text: string): number[] => tokenizer().encode(text, [], []);

/** Tokens of `text` under o200k_base: exact for OpenAI's current models, an estimate for any other. */
export function countTokens(text: string): number {
  if (!text) return 0;
  return encode(text).length;
}

/** Cut `text` to at most `maxTokens` tokens, marking the cut. */
export function truncateToTokens(text: string, maxTokens: number, marker = ' … [truncated]'): string {
  const tokens = encode(text);
  if (tokens.length <= maxTokens) return text;
  const keep = Math.max(0, maxTokens - countTokens(marker));
  return `${tokenizer().decode(tokens.slice(0, keep))}${marker}`;
}

/** What the chat format adds around each message and to prime the reply (OpenAI's published counting rule). */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_REPLY = 3;

export interface ChatMessageLike {
  readonly role: string;
  readonly content: string;
}

export function countChatTokens(messages: readonly ChatMessageLike[]): number {
  return messages.reduce((sum, m) => sum + TOKENS_PER_MESSAGE + countTokens(m.role) + countTokens(m.content), TOKENS_PER_REPLY);
}
