/**
 * Plain text as Teams TextBlock markdown that shows exactly what was typed.
 *
 * Teams' clients do not agree on markdown (desktop, web and mobile each parse it), so the escaping
 * avoids relying on any one parser's corner cases:
 * - The characters that open inline formatting anywhere (`\ * _ ~ ` [ ]`) get a backslash, the
 *   CommonMark escape every Teams client honours, so `**bold**`, `_x_` and `[x](javascript:…)` stay text.
 * - Block syntax only counts at the start of a line: there `# > - + = |` and the `.`/`)` after a
 *   number get a backslash too, and leading spaces become no-break spaces (four spaces would start a
 *   code block).
 * - `<` before a letter, `/`, `!` or `?`, and `&` before an entity name, get an invisible WORD JOINER
 *   after them: the text then holds no `<at>`, no HTML tag and no entity at all, for any parser, so a
 *   typed `<at>everyone</at>` can never match a mention entity and `&amp;` stays as typed.
 * - Line breaks become paragraph breaks (a single newline is a space in TextBlock markdown), and other
 *   control characters are dropped.
 */
const WORD_JOINER = '\u2060';
const NO_BREAK_SPACE = '\u00A0';
const ALWAYS_ESCAPED = new Set(['\\', '*', '_', '`', '~', '[', ']']);
const LINE_START_ESCAPED = new Set(['#', '>', '-', '+', '=', '|']);
const TAG_START = /[A-Za-z/!?]/;
const ENTITY_START = /[A-Za-z#]/;
const DIGIT = /[0-9]/;
export const PARAGRAPH_BREAK = '\n\n';

/** Where the text being escaped starts: block syntax is only live at the start of a line. */
export interface EscapeState {
  lineStart: boolean;
}

/** Newlines normalised, tabs as spaces, other control characters dropped (they render as boxes or nothing). */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

/**
 * Escaped units, one per code point of the input (a run of line breaks is one unit), so a cut between
 * units can never leave half an escape. `state` says whether the text starts a line and is updated.
 */
export function escapeUnits(text: string, state: EscapeState): string[] {
  const chars = Array.from(normaliseText(text));
  const units: string[] = [];
  let escapeAt = -1;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\n') {
      // A run of line breaks is one paragraph break; blank lines say nothing more in markdown.
      units.push(state.lineStart ? '' : PARAGRAPH_BREAK);
      state.lineStart = true;
      continue;
    }
    if (state.lineStart && ch === ' ') {
      units.push(NO_BREAK_SPACE);
      continue;
    }
    if (state.lineStart && DIGIT.test(ch)) escapeAt = orderedListMarkerAt(chars, i);
    units.push(escapeCharacter(ch, chars[i + 1], state.lineStart || i === escapeAt));
    state.lineStart = false;
  }
  return units;
}

/** The index of the `.` or `)` that would make `12.` or `3)` at a line start an ordered list, or -1. */
function orderedListMarkerAt(chars: readonly string[], from: number): number {
  let j = from;
  while (j < chars.length && DIGIT.test(chars[j] as string)) j++;
  return chars[j] === '.' || chars[j] === ')' ? j : -1;
}

function escapeCharacter(ch: string, next: string | undefined, blockPosition: boolean): string {
  if (ALWAYS_ESCAPED.has(ch)) return `\\${ch}`;
  if (blockPosition && (LINE_START_ESCAPED.has(ch) || ch === '.' || ch === ')')) return `\\${ch}`;
  if (ch === '<' && next !== undefined && TAG_START.test(next)) return `<${WORD_JOINER}`;
  if (ch === '&' && next !== undefined && ENTITY_START.test(next)) return `&${WORD_JOINER}`;
  return ch;
}

/** Escapes one plain string that starts a TextBlock (a header, a label, a choice title). */
export function escapeMarkdown(text: string): string {
  return escapeUnits(text, { lineStart: true }).join('');
}

/** Text inside emphasis or a link label must stay on one line, or the markers stop pairing. */
export const oneLine = (text: string): string => normaliseText(text).replace(/\s*\n\s*/g, ' ');

const ALLOWED_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL as a markdown link destination, or undefined when it is not an http(s) or mailto URL.
 * Parentheses, backslashes and spaces would end or escape the destination early, so they are
 * percent-encoded; the URL parser has already encoded `<`, `>` and quotes.
 */
export function safeLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (!ALLOWED_LINK_PROTOCOLS.has(parsed.protocol)) return undefined;
  return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\\/g, '%5C').replace(/\s/g, '%20');
}

/**
 * For text Teams shows without markdown (button titles, input labels, choices, placeholders): only
 * the tags are neutralised, so nothing there can look like an `<at>` mention or HTML.
 */
export function plainField(text: string): string {
  return normaliseText(text).replace(/\n/g, ' ').replace(/<(?=[A-Za-z/!?])/g, `<${WORD_JOINER}`);
}
