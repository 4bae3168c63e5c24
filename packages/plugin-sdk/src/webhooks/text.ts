/*
 * Everything in a webhook is written by whoever controls the monitored system (a log line, a rule
 * description, a label), so it is only cleaned, trimmed and cut here, never interpreted: the chat
 * renderers escape it. The limits keep one noisy alert from filling a card or a database column.
 */

/** The longest title (and alert title) a signal carries: what a chat card shows on one line. */
export const TITLE_MAX = 200;
/** The longest summary a signal carries. */
export const SUMMARY_MAX = 2000;

// A lone half of a surrogate pair cannot be stored as UTF-8 (the host would store U+FFFD instead).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// C0 and C1 controls (tab, newline and carriage return aside) and the line and paragraph separators.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g;
// Zero-width characters, bidi embeddings, overrides and isolates, the BOM: invisible, and a title
// showing text in another order than it is stored ("Trojan source") misleads responders.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * At most `max` characters, ending in `…` when cut, never splitting a surrogate pair (an emoji in
 * an alert title stays whole or goes).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** `text` with each lone surrogate replaced by U+FFFD, so it can be stored and compared as UTF-8. */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\ufffd');

/** The text of a JSON value that should be one (a string, or a number some senders send instead), trimmed and cut. */
export function textOf(value: unknown, max = 500): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? truncate(trimmed, max) : undefined;
}

/**
 * A title, a label or a name: one line (controls and line breaks become spaces, runs of whitespace
 * one space), invisible characters dropped, well-formed, trimmed and cut to `max`. A number or a
 * boolean is written out; anything else, or nothing left, is undefined.
 */
export function oneLine(value: unknown, max = TITLE_MAX): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = wellFormed(String(value)).replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return text ? truncate(text, max) : undefined;
}

/**
 * A summary: line breaks kept (at most one blank line in a row, no trailing spaces), invisible
 * characters dropped, other controls as spaces, well-formed, trimmed and cut to `max`.
 */
export function paragraphs(value: unknown, max = SUMMARY_MAX): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = wellFormed(value).replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(CONTROL, ' ')
    .replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return text ? truncate(text, max) : undefined;
}

/**
 * The first of `names` that `labels` holds as non-empty text: `pickLabel(alert.labels, 'service', 'job')`.
 * `labels` may be anything a sender put there; only own fields count (never `__proto__` or `toString`).
 */
export function pickLabel(labels: unknown, ...names: readonly string[]): string | undefined {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return undefined;
  for (const name of names) {
    if (!Object.hasOwn(labels, name)) continue;
    const value = textOf((labels as Record<string, unknown>)[name], 200);
    if (value !== undefined) return value;
  }
  return undefined;
}
