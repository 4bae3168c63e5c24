import type { z } from 'zod';

type Schema = z.core.$ZodType;

/** The parts of a schema definition that lead to a child schema, whatever the kind. */
interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly element?: Schema;
  readonly valueType?: Schema;
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly out?: Schema;
  readonly getter?: () => Schema;
  readonly options?: readonly Schema[];
  readonly left?: Schema;
  readonly right?: Schema;
  readonly items?: readonly Schema[];
  readonly rest?: Schema | null;
}

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

/**
 * The keys the mapping at `path` of `schema` allows, so an unknown key can be answered with the one a
 * typo meant. zod's `unrecognized_keys` issue names the unknown keys only; the allowed ones are in the
 * schema. Undefined when the path leads through something this cannot follow (a union of mappings
 * answers with all their keys).
 */
export function allowedKeysAt(schema: Schema, path: readonly PropertyKey[]): string[] | undefined {
  let candidates: Schema[] = [schema];
  for (const part of path) candidates = candidates.flatMap((s) => childrenAt(s, part));
  const keys = candidates.flatMap((s) => shapesOf(s)).flatMap((shape) => Object.keys(shape));
  return keys.length ? [...new Set(keys)] : undefined;
}

/** The object shapes a value of `schema` is checked against, through wrappers, pipes and unions. */
function shapesOf(schema: Schema, depth = 0): Readonly<Record<string, Schema>>[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  if (def.type === 'object' && def.shape) return [def.shape];
  return inner(def).flatMap((s) => shapesOf(s, depth + 1));
}

/** What checks the value at `part` of a value of `schema`. */
function childrenAt(schema: Schema, part: PropertyKey, depth = 0): Schema[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'object': return [def.shape?.[String(part)] ?? def.catchall].filter((s): s is Schema => !!s);
    case 'record': return def.valueType ? [def.valueType] : [];
    case 'array': return def.element ? [def.element] : [];
    case 'tuple': return [def.items?.[Number(part)] ?? def.rest].filter((s): s is Schema => !!s);
    default: return inner(def).flatMap((s) => childrenAt(s, part, depth + 1));
  }
}

/** The schemas a wrapper hands its value to; a preprocess pipe checks with its output side. */
function inner(def: Def): Schema[] {
  switch (def.type) {
    case 'pipe': return [def.in && defOf(def.in).type === 'transform' ? def.out : def.in].filter((s): s is Schema => !!s);
    case 'lazy': return def.getter ? [def.getter()] : [];
    case 'union': return [...(def.options ?? [])];
    case 'intersection': return [def.left, def.right].filter((s): s is Schema => !!s);
    default: return def.innerType ? [def.innerType] : [];
  }
}
