import type { z } from 'zod';
import { notASetting } from './did-you-mean';
import type { Problems } from './problems';
import { allowedKeysAt } from './schema-keys';

type Path = readonly PropertyKey[];

/** One problem before it is worded: where, what, and the offending value when it is worth showing. */
interface Found {
  readonly path: Path;
  readonly what: string;
  readonly got?: { readonly value: unknown };
}

/**
 * Records every issue of a failed zod parse as a problem naming its key the way the file spells it
 * (`plugins.alertmanager.config.severity.map.critical`), so schema errors read like every other
 * configuration error: `<key> <what is wrong> (got <value>)`. Problems come in the order of the file,
 * not of the schema. Pass the schema to have unknown keys answered with the setting a typo meant.
 */
export function addZodIssues(problems: Problems, base: string, error: z.ZodError, input: unknown, schema?: z.core.$ZodType): void {
  const found = error.issues.flatMap((issue) => describeIssue(issue, input, schema));
  for (const { path, what, got } of inFileOrder(found, input)) {
    const key = keyOf(base, path) || '(top level)';
    if (got) problems.add(key, what, got.value);
    else problems.add(key, what);
  }
}

/** `server.port`, `severities[1].id`: how muster.yaml spells the key of a value. */
export function keyOf(base: string, path: Path): string {
  return path.reduce<string>((at, part) => (typeof part === 'number' ? `${at}[${part}]` : joinKey(at, String(part))), base);
}

export const joinKey = (parent: string, name: string): string => (parent ? `${parent}.${name}` : name);

function describeIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.core.$ZodType | undefined): Found[] {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = schema && allowedKeysAt(schema, issue.path);
      return issue.keys.map((name) => ({ path: [...issue.path, name], what: notASetting(name, allowed) }));
    }
    case 'invalid_key':
    case 'custom':
      // A refinement words the whole problem itself, and may be about a secret: the value is never shown back.
      return [{ path: issue.path, what: lowerFirst(issue.message) }];
    case 'invalid_type':
      // YAML's `key:` with nothing after it is null: as good as missing.
      if ((value === undefined || value === null) && typeof issue.path.at(-1) === 'string') return [{ path: issue.path, what: 'is required' }];
      return [{ path: issue.path, what: lowerFirst(issue.message), got: { value } }];
    default:
      // A list or mapping is shown only when its kind is what is wrong: "(got a list)" says nothing of its length.
      return [{ path: issue.path, what: lowerFirst(issue.message), ...(isScalar(value) && { got: { value } }) }];
  }
}

/** Sorted by where each key stands in the input; keys the input lacks come after their siblings. */
function inFileOrder(found: readonly Found[], input: unknown): Found[] {
  const ranked = found.map((f, i) => ({ f, i, rank: rankOf(input, f.path) }));
  ranked.sort((a, b) => compareRanks(a.rank, b.rank) || a.i - b.i);
  return ranked.map((r) => r.f);
}

function rankOf(input: unknown, path: Path): number[] {
  const rank: number[] = [];
  let at = input;
  for (const part of path) {
    const index = Array.isArray(at) ? (typeof part === 'number' ? part : -1) : isMapping(at) ? Object.keys(at).indexOf(String(part)) : -1;
    rank.push(index < 0 ? Number.POSITIVE_INFINITY : index);
    at = childOf(at, part);
  }
  return rank;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

function valueAt(input: unknown, path: Path): unknown {
  return path.reduce<unknown>((at, part) => childOf(at, part), input);
}

/** Own keys only: a file's `constructor:` must not find Object's. */
function childOf(at: unknown, part: PropertyKey): unknown {
  if (at === null || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, part)) return undefined;
  return (at as Record<PropertyKey, unknown>)[part];
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): boolean => value !== undefined && (value === null || typeof value !== 'object');
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
