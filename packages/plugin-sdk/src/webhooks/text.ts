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

/** The text of a JSON value that should be one (a string, or a number some senders send instead), trimmed and cut. */
export function textOf(value: unknown, max = 500): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? truncate(trimmed, max) : undefined;
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

export interface LabelLimits {
  /** Default 50: a sender with thousands of labels does not fill the timeline. */
  readonly maxLabels?: number;
  readonly maxKeyLength?: number;
  /** Default 500. */
  readonly maxValueLength?: number;
}

/**
 * The text fields of a sender's label object, bounded, for `AlertSignal.labels`; anything not text
 * (objects, lists, null) is left out rather than refused.
 */
export function safeLabels(labels: unknown, limits: LabelLimits = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return out;
  const maxLabels = limits.maxLabels ?? 50;
  let count = 0;
  for (const [key, raw] of Object.entries(labels)) {
    if (count >= maxLabels) break;
    const value = textOf(raw, limits.maxValueLength ?? 500);
    if (value === undefined || !key) continue;
    // defineProperty: a key named `__proto__` stays a plain field instead of changing the object's prototype.
    Object.defineProperty(out, truncate(key, limits.maxKeyLength ?? 100), { value, enumerable: true, writable: true, configurable: true });
    count += 1;
  }
  return out;
}
