import fc from 'fast-check';
import { hostileText } from './hostile-text';

export type JsonPath = readonly (string | number)[];

/** Every path in a JSON document (the document itself first), for changing a documented payload at any depth. */
export function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const here = [[...prefix]];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return here;
}

/** A copy of `document` with the value at `path` replaced, or removed when `value` is undefined (an array item is spliced out). */
export function mutated(document: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  // An earlier mutation replaced the whole document: there is no field left to change.
  if (document === null || typeof document !== 'object') return document;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    // An earlier mutation removed this branch or made it a scalar: nothing left to change.
    if (next === null || typeof next !== 'object') return copy;
    parent = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

/** What a mutation puts in a field by default: any JSON (a third of the time), hostile text, or nothing (the field removed). */
export const anyFieldValue: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText, fc.constant(undefined));

/**
 * `documented` with one to four fields anywhere in it replaced by `values` (default `anyFieldValue`)
 * or removed: payloads close enough to the real thing to reach deep into `parse`.
 */
export function mutationsOf(documented: unknown, values: fc.Arbitrary<unknown> = anyFieldValue): fc.Arbitrary<unknown> {
  const change = fc.tuple(fc.constantFrom(...pathsOf(documented)), values);
  return fc.array(change, { minLength: 1, maxLength: 4 }).map((changes) => changes.reduce<unknown>((doc, [path, value]) => mutated(doc, path, value), documented));
}
