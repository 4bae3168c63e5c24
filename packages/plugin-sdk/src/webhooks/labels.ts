import { oneLine } from './text';

export interface LabelLimits {
  /** Default 50: a sender with thousands of labels does not fill the timeline. */
  readonly maxLabels?: number;
  /** Default 100. */
  readonly maxKeyLength?: number;
  /** Default 500. */
  readonly maxValueLength?: number;
}

/**
 * Labels for `AlertSignal.labels` from name/value pairs a plugin picks (`['rule.id', rule.id]`):
 * names and values as one line (`oneLine`) and cut, a list of strings joined with `, `, anything
 * else (objects, null, undefined) left out rather than refused; the first of two names that clean
 * up alike wins. A label named `__proto__` stays a label.
 */
export function labelSet(entries: Iterable<readonly [string, unknown]>, limits: LabelLimits = {}): Record<string, string> {
  const maxLabels = limits.maxLabels ?? 50;
  // A Map, then fromEntries: a name like `__proto__` becomes an own field, never the prototype.
  const labels = new Map<string, string>();
  for (const [rawName, rawValue] of entries) {
    if (labels.size >= maxLabels) break;
    const name = oneLine(rawName, limits.maxKeyLength ?? 100);
    const joined = Array.isArray(rawValue) ? rawValue.filter((v) => typeof v === 'string').join(', ') : rawValue;
    const value = oneLine(joined, limits.maxValueLength ?? 500);
    if (name && value !== undefined && !labels.has(name)) labels.set(name, value);
  }
  return Object.fromEntries(labels);
}

/** `labelSet` of a sender's own label object (`commonLabels`); anything but an object gives no labels. */
export function safeLabels(labels: unknown, limits: LabelLimits = {}): Record<string, string> {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return {};
  return labelSet(Object.entries(labels), limits);
}
