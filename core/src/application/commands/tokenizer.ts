import { MusterError } from '../../errors';
import { MENTION_PATTERN } from '../../domain/person-mention';

/** Longest command accepted, in characters (code points). Checked before any other work. */
export const MAX_INPUT_LENGTH = 4000;

export interface Token {
  /** The word with its quotes removed and escapes applied. */
  readonly value: string;
  /** The word began with a quote: it is text, never a flag. */
  readonly quoted: boolean;
  /** Where the word starts in the cleaned input. */
  readonly start: number;
  /** Where the word ends (exclusive) in the cleaned input. */
  readonly end: number;
}

/**
 * Quotes that open a group of words, and what closes each. Phones and desktop clients with smart
 * punctuation type “ ” and ‘ ’; pasted German text brings „ “. A right quote may also open, because
 * some keyboards type it on both sides.
 */
const CLOSERS: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['”', '”'],
  ['„', '“”'],
  ['‘', '’'],
  ['’', '’'],
]);

const isQuote = (c: string): boolean => CLOSERS.has(c);
const isSpace = (c: string): boolean => /\s/u.test(c);
const isWordCharacter = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);
/** A neutral mention token is one word, even when the name it carries has spaces (`<@teams:a1|Bob Jones>`). */
const MENTION_AT = new RegExp(MENTION_PATTERN.source, 'uy');

function mentionAt(text: string, at: number): string | undefined {
  MENTION_AT.lastIndex = at;
  return MENTION_AT.exec(text)?.[0];
}

/** The number of code points in `text`, counting no further than `limit + 1` (inputs can be huge). */
function countUpTo(text: string, limit: number): number {
  if (text.length <= limit) return [...text].length;
  let count = 0;
  for (const _ of text) if (++count > limit) break;
  return count;
}

export const codePointLength = (text: string): number => [...text].length;

/** True when `text` has more than `limit` characters. */
export const isLongerThan = (text: string, limit: number): boolean => countUpTo(text, limit) > limit;

/**
 * Removes control characters that chat clients and copy-paste smuggle in (NUL, escape sequences,
 * C1 codes), keeping newlines and tabs so multi-line notes survive. Carriage returns become newlines.
 */
export function removeControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
}

/**
 * The next word of `text` at or after `from`, or undefined when only whitespace is left.
 *
 * A quote opens a group only at the start of a word (or right after `=`, for `--service="a b"`), and
 * closes only where it is not followed by a letter or digit, so apostrophes (`can't`, `it’s`) never
 * open or close anything. A closing quote ends the word. Inside quotes, a backslash makes the next
 * quote or backslash literal. An unclosed quote throws `unbalanced_quotes`, with `usage` attached.
 */
export function readToken(text: string, from: number, usage: string): Token | undefined {
  let i = from;
  while (i < text.length && isSpace(text[i])) i++;
  if (i >= text.length) return undefined;
  const start = i;
  let value = '';
  while (i < text.length && !isSpace(text[i])) {
    const c = text[i];
    const mention = c === '<' ? mentionAt(text, i) : undefined;
    if (mention) {
      value += mention;
      i += mention.length;
      continue;
    }
    const opensGroup = CLOSERS.has(c) && (i === start || text[i - 1] === '=');
    if (!opensGroup) {
      value += c;
      i++;
      continue;
    }
    const closed = readQuoted(text, i, usage);
    return { value: value + closed.value, quoted: i === start, start, end: closed.end };
  }
  return { value, quoted: false, start, end: i };
}

function readQuoted(text: string, open: number, usage: string): { value: string; end: number } {
  const quote = text[open];
  const closers = CLOSERS.get(quote) ?? quote;
  let value = '';
  let i = open + 1;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '\\' && next !== undefined && (isQuote(next) || next === '\\')) {
      value += next;
      i += 2;
      continue;
    }
    const followedByWord = next !== undefined && isWordCharacter(String.fromCodePoint(text.codePointAt(i + 1) ?? 0));
    if (closers.includes(c) && !followedByWord) return { value, end: i + 1 };
    value += c;
    i++;
  }
  throw unclosedQuote(text, open, closers[closers.length - 1], usage);
}

function unclosedQuote(text: string, open: number, closer: string, usage: string): MusterError {
  const quote = text[open];
  const after = [...text.slice(open + 1).replace(/\s+/g, ' ').trim()];
  const snippet = after.length > 24 ? `${after.slice(0, 24).join('')}…` : after.join('');
  const where = snippet ? ` before “${snippet.replace(/`/g, "'")}”` : ' at the end';
  return new MusterError(
    'unbalanced_quotes',
    `The quote ${quote}${where} is never closed. Add a closing ${closer} after the quoted words, or remove the ${quote}.`,
    { usage, quote, position: open },
  );
}

/** Every word of `text` from `from` on. */
export function tokenize(text: string, from: number, usage: string): Token[] {
  const tokens: Token[] = [];
  for (let token = readToken(text, from, usage); token; token = readToken(text, token.end, usage)) tokens.push(token);
  return tokens;
}
