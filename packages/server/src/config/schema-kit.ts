import { z } from 'zod';

/**
 * The building blocks of muster.yaml's schemas. Each carries the one sentence the file's author reads
 * when the value is wrong ("must be a whole number from 0 to 65535"); zod uses a schema's own message
 * for the checks on it too, so a range or pattern needs no second text.
 */

/** A pattern and how to say it to a person: `{ pattern: /^[a-z]+$/, what: 'lower-case letters' }`. */
export interface TextRule {
  readonly pattern: RegExp;
  readonly what: string;
}

/**
 * A mapping whose keys must all be in `shape` (a typo is an error, not a silently ignored setting).
 * A key with nothing after it (`key:` is null in YAML) counts as left out, as it reads.
 */
export function settings<S extends z.core.$ZodLooseShape>(shape: S, what = 'must be a mapping of settings') {
  return z.preprocess(withoutNulls, z.strictObject(shape, { error: what }));
}

/** Text with something in it, trimmed. */
export const text = (rule?: TextRule) => {
  const trimmed = z.string({ error: rule ? `must be ${rule.what}` : 'must be a non-empty text' }).trim();
  return rule ? trimmed.regex(rule.pattern) : trimmed.min(1);
};

/** Text that may be empty (a description). */
export const freeText = () => z.string({ error: 'must be a text' });

export const flag = () => z.boolean({ error: 'must be true or false' });

export const positiveNumber = () => z.number({ error: 'must be a positive number' }).positive();

export const wholeNumber = (min: number, max: number) => z.int({ error: `must be a whole number from ${min} to ${max}` }).min(min).max(max);

export const numberFrom = (min: number, max: number) => z.number({ error: `must be a number from ${min} to ${max}` }).min(min).max(max);

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

export const list = <T extends z.ZodType>(item: T) => z.array(item, { error: 'must be a list' });

export const textList = () => list(text());

/**
 * For refinements that must run even when part of their input is wrong (so one start reports every
 * problem): they then see a partly checked value, and read it defensively.
 */
export const whenAMapping = (payload: { readonly value: unknown }): boolean => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);

function withoutNulls(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

/**
 * `<id>: { settings }` entries, keyed by ids `key` accepts. A bare id (`acme:` with nothing after it)
 * is an entry with every setting left at its default.
 */
export function entries<V extends z.ZodType>(key: z.ZodType<string>, value: V, words: { readonly badId: string; readonly notAMapping: string }) {
  return z.record(key, z.preprocess((v) => v ?? {}, value), { error: (issue) => (issue.code === 'invalid_key' ? words.badId : words.notAMapping) });
}
