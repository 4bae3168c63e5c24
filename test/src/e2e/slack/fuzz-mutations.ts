/**
 * fast-check arbitraries that turn a valid Slack payload (fuzz-entry-points.ts) into an unusable one
 * and add hostile noise, and the encodings that put the result on the wire exactly as Slack would.
 */
import fc from 'fast-check';
import type { EntryPoint, FieldKind, FieldSpec } from './fuzz-entry-points';

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};
const DEEP = nested(1_000);

/** Values of the wrong type or size for each kind of field (null is added unless Slack sends null there). */
const WRONG: Record<FieldKind, readonly unknown[]> = {
  id: [5, true, [], ['U0ANA'], {}, { id: 'U0ANA' }, DEEP, '', 'U'.repeat(100), 'Ü🚨', 'U0ANA\n', '../../etc', '<@U0ANA>'],
  ts: [1712345678.0002, true, [], {}, DEEP, '', 'now', '1712345678.0002x', `${'9'.repeat(13)}.1`, '١٧١٢٣٤٥٦٧٨.0'],
  text: [5, false, [], ['a'], {}, DEEP, 'x'.repeat(40_001)],
  label: [5, true, [], {}, DEEP, 'y'.repeat(300)],
  url: [5, true, [], {}, DEEP, '', 'h'.repeat(2_100)],
  object: ['str', 7, true, [], [{}]],
  array: ['str', 3, true, {}, { 0: 'x' }, [5], [null], [true], [[]]],
};
/** A form field can only be missing, empty, repeated (an array) or a string of the wrong shape. */
const WRONG_IN_FORM: Partial<Record<FieldKind, readonly string[]>> = {
  id: ['', 'U'.repeat(100), 'Ü🚨', 'U0 ANA', '<@U0ANA>'],
  text: ['x'.repeat(40_001)],
  label: ['y'.repeat(300)],
  url: ['', 'h'.repeat(2_100)],
};

export type Mutation = { readonly path: FieldSpec['path']; readonly op: 'drop' } | { readonly path: FieldSpec['path']; readonly op: 'set'; readonly value: unknown };

function mutationsOf(field: FieldSpec, form: boolean): fc.Arbitrary<Mutation>[] {
  const options: fc.Arbitrary<Mutation>[] = [];
  if (field.required) options.push(fc.constant({ path: field.path, op: 'drop' }));
  const values: readonly unknown[] = form
    ? [...(WRONG_IN_FORM[field.kind] ?? []), ['a', 'b']]
    : [...WRONG[field.kind], ...(field.nullable ? [] : [null])];
  options.push(fc.constantFrom(...values).map((value) => ({ path: field.path, op: 'set' as const, value })));
  return options;
}

/** One to three unusable fields; each makes the payload unusable, and none can repair another. */
export const mutationsFor = (entry: EntryPoint): fc.Arbitrary<Mutation[]> =>
  fc.array(fc.oneof(...entry.fields.flatMap((field) => mutationsOf(field, entry.encoding === 'command'))), { minLength: 1, maxLength: 3 });

export type Noise = 'none' | 'proto' | 'constructor' | 'huge' | 'deep' | 'unicode';
export const noise: fc.Arbitrary<Noise> = fc.constantFrom('none', 'proto', 'constructor', 'huge', 'deep', 'unicode');

export function applyMutations(template: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  const payload = structuredClone(template);
  for (const m of mutations) {
    let parent: unknown = payload;
    for (const key of m.path.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[key] : undefined;
    // A field whose parent is gone or is already of the wrong type: the earlier mutation stands.
    if (!parent || typeof parent !== 'object') continue;
    const key = m.path[m.path.length - 1] as string | number;
    if (m.op === 'drop') delete (parent as Record<string | number, unknown>)[key];
    else (parent as Record<string | number, unknown>)[key] = m.value;
  }
  return payload;
}

/** Keys a careless merge would follow into Object.prototype, added as own properties (as JSON.parse makes them). */
function withNoise(payload: Record<string, unknown>, kind: Noise): Record<string, unknown> {
  const own = (target: Record<string, unknown>, key: string, value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  const inner = [payload, payload.event, payload.user, payload.view].filter((o): o is Record<string, unknown> => !!o && typeof o === 'object' && !Array.isArray(o));
  for (const target of inner) {
    if (kind === 'proto') own(target, '__proto__', { polluted: 'yes', isAdmin: true });
    if (kind === 'constructor') own(target, 'constructor', { prototype: { polluted: 'yes' } });
  }
  if (kind === 'huge') payload.x_unknown = 'z'.repeat(20_000);
  if (kind === 'deep') payload.x_deep = DEEP;
  if (kind === 'unicode') payload['ключ🚨\u202e\u0000'] = '\u0000\ud83d\u202e<script>';
  return payload;
}

export interface WireRequest { readonly body: string; readonly contentType: string }

const FORM = 'application/x-www-form-urlencoded';

export function encode(entry: EntryPoint, payload: Record<string, unknown>, kind: Noise): WireRequest {
  if (entry.encoding === 'command') {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(payload)) for (const v of Array.isArray(value) ? value : [value]) form.append(key, String(v));
    if (kind === 'proto') form.append('__proto__', 'polluted');
    if (kind === 'constructor') form.append('constructor[prototype][polluted]', 'yes');
    if (kind === 'huge') form.append('x_unknown', 'z'.repeat(20_000));
    if (kind === 'unicode') form.append('ключ🚨\u202e', '\u0000\u202e');
    return { body: form.toString(), contentType: FORM };
  }
  const json = JSON.stringify(withNoise(payload, kind));
  return entry.encoding === 'interaction' ? { body: new URLSearchParams({ payload: json }).toString(), contentType: FORM } : { body: json, contentType: 'application/json' };
}

/** Bodies that are no payload at all, in each encoding. */
export const garbage: fc.Arbitrary<WireRequest> = fc.oneof(
  fc.constantFrom('null', '5', '"str"', '[]', '{}', 'true', '{"event":"x"}', '{"event":null}', '{"event":[]}', '{"type":"event_callback","event":5}',
    '{"type":"event_callback","event":{"type":"message","channel":{"creator":null}}}', '{"event":{"type":"subteam_created","subteam":null}}',
    '{"type":"url_verification"}', '{"type":"url_verification","challenge":{}}', '{"command":5}', '{"actions":"x"}', '{"type":"view_submission","view":null}',
    '{"type":"block_actions","actions":[],"user":null}', '{"type":"shortcut","callback_id":"incident.declare"}', '{"__proto__":{"polluted":"yes"}}', '{', '\u0000')
    .map((body) => ({ body, contentType: 'application/json' })),
  fc.json({ maxDepth: 4 }).map((body) => ({ body, contentType: 'application/json' })),
  fc.json({ maxDepth: 4 }).map((json) => ({ body: new URLSearchParams({ payload: json }).toString(), contentType: FORM })),
  fc.constantFrom('payload=null', 'payload=5', 'payload=%5B%5D', 'payload=%7B', 'command=%2Fincident', 'command=%2Fincident&text=a&text=b', 'ssl_check=0', '%%%', 'payload=')
    .map((body) => ({ body, contentType: FORM })),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 50 }), { maxKeys: 8 }).map((fields) => ({ body: new URLSearchParams(fields).toString(), contentType: FORM })),
);
