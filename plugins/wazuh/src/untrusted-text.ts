import { deliveryDigest, truncate } from '@muster/plugin-sdk';

/*
 * Everything in a webhook is written by whoever controls the monitored system (a log line, a rule
 * description, an alert message), so it is only trimmed and cut here, never interpreted: the chat
 * renderers escape it. The limits keep one noisy alert from filling a card or a database column.
 */
export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;
const KEY_MAX = 200;
const LABEL_NAME_MAX = 100;
const LABEL_VALUE_MAX = 500;
const LABELS_MAX = 50;
const URL_MAX = 2000;

// A lone half of a surrogate pair cannot be stored as UTF-8; it becomes U+FFFD.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// Control characters other than tab and newline (a title gets no newline either, see `oneLine`).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\ufffd');

/** A title or a label: one line, whitespace collapsed, cut to `max`. Empty → undefined. */
export function oneLine(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = wellFormed(String(value)).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return text ? truncate(text, max) : undefined;
}

/** A summary: lines kept (at most one blank line in a row), control characters dropped, cut to `max`. */
export function paragraph(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = wellFormed(value).replace(/\r\n?/g, '\n').replace(CONTROL, ' ').replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return text ? truncate(text, max) : undefined;
}

/** A link back to the source, only when it is plain http(s) without credentials (never `javascript:`). */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > URL_MAX) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  return url.href;
}

/**
 * A group key or delivery id built from the source's own values: readable when short and plain
 * (printable ASCII, no edge spaces, no `|` inside a part), otherwise a digest of the same parts, so two different alerts
 * never collapse into one key by being cut, and no key carries what a log line should not.
 */
export function stableKey(parts: readonly string[]): string {
  const joined = parts.join('|');
  // A part holding the separator would make ['a|b', 'c'] and ['a', 'b|c'] one key: those are digested too.
  if (!parts.some((part) => part.includes('|')) && joined.length > 0 && joined.length <= KEY_MAX && joined === joined.trim() && !/[^\x20-\x7e]/.test(joined)) return joined;
  return `sha256:${deliveryDigest(...parts)}`;
}

/** Labels for the timeline: scalar values only, names and values on one line and cut, at most 50. */
export function labelSet(entries: Iterable<readonly [string, unknown]>): Record<string, string> {
  // A Map, then fromEntries: a label named `__proto__` stays a label.
  const labels = new Map<string, string>();
  for (const [rawName, rawValue] of entries) {
    if (labels.size >= LABELS_MAX) break;
    const name = oneLine(rawName, LABEL_NAME_MAX);
    const value = oneLine(Array.isArray(rawValue) ? rawValue.filter((v) => typeof v === 'string').join(', ') : rawValue, LABEL_VALUE_MAX);
    if (name && value !== undefined && !labels.has(name)) labels.set(name, value);
  }
  return Object.fromEntries(labels);
}

/** An ISO 8601 instant from the source's timestamp, or undefined when it is not a real date. */
export function isoInstant(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
