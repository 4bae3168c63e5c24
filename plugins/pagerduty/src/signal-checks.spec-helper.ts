/*
 * What every signal must look like, whatever the payload, and payloads to try: shared by this
 * plugin's property-based specs (every alert-source plugin keeps the same checks).
 */
import { PayloadError, type AlertSignal, type AlertSource, type WebhookRequest } from '@muster/plugin-sdk';
import { expect } from 'chai';
import fc from 'fast-check';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Parses, and holds that the only failure is a `PayloadError` with a reason. */
export function parseOrPayloadError(source: AlertSource, request: WebhookRequest): readonly AlertSignal[] | PayloadError {
  try {
    return source.parse(request);
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(PayloadError);
    expect((error as PayloadError).reason).to.be.a('string').with.length.within(1, 300);
    return error as PayloadError;
  }
}

const text = (value: unknown, name: string, max: number) => {
  expect(value, name).to.be.a('string');
  const s = value as string;
  expect(s.trim(), name).to.equal(s);
  expect(s.length, name).to.be.within(1, max);
  expect(LONE_SURROGATE.test(s), `${name} is well-formed`).to.equal(false);
};

/** A signal the host can store and show: keys and titles present and bounded, severity one of the installation's. */
export function expectWellFormed(signal: AlertSignal, severityIds: readonly string[]): void {
  expect(['firing', 'resolved']).to.include(signal.status);
  text(signal.groupKey, 'groupKey', 200);
  text(signal.deliveryId, 'deliveryId', 200);
  text(signal.title, 'title', 200);
  expect(signal.title).not.to.match(/[\u0000-\u001f\u007f\u2028\u2029]/);
  if (signal.summary !== undefined) text(signal.summary, 'summary', 2000);
  if (signal.severity !== undefined) expect(severityIds).to.include(signal.severity);
  for (const service of signal.services ?? []) text(service, 'service', 100);
  if (signal.url !== undefined) expect(new URL(signal.url).protocol).to.be.oneOf(['https:', 'http:']);
  if (signal.startedAt !== undefined) expect(new Date(signal.startedAt).toISOString()).to.equal(signal.startedAt);
  const labels = Object.entries(signal.labels ?? {});
  expect(labels.length).to.be.at.most(50);
  for (const [name, value] of labels) {
    text(name, 'label name', 100);
    text(value, `label ${name}`, 500);
  }
  for (const alert of signal.alerts ?? []) {
    text(alert.id, 'alert id', 200);
    expect(['firing', 'resolved']).to.include(alert.status);
    if (alert.title !== undefined) text(alert.title, 'alert title', 200);
  }
}

/** Strings senders and attackers write: long, multi-line, mentions, markup, odd Unicode, lone surrogates. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 190, maxLength: 3000 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
  fc.constantFrom('', ' ', '\n', '<!channel>', '@everyone', 'javascript:alert(1)', '__proto__', 'constructor', '\u2028', 'https://user:pw@evil.example/', 'P1', 'critical', '16', '-1'),
);

type Path = readonly (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const here: Path[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => here.push(...pathsOf(item, [...at, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) here.push(...pathsOf(item, [...at, key]));
  return here;
}

type Mutation = { readonly path: Path; readonly op: 'set' | 'delete'; readonly value: unknown };

function apply(doc: unknown, { path, op, value }: Mutation): unknown {
  if (path.length === 0) return op === 'delete' ? undefined : value;
  // An earlier mutation may have replaced the document or a parent by a scalar: nothing left to change.
  if (!doc || typeof doc !== 'object') return doc;
  let parent = doc as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = parent?.[key];
    if (!next || typeof next !== 'object') return doc;
    parent = next as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (op === 'delete') delete parent[last];
  else parent[last] = value;
  return doc;
}

/** A documented payload with one to four fields anywhere in it replaced (by any JSON, hostile text) or removed. */
export function mutationsOf(documented: unknown): fc.Arbitrary<unknown> {
  const mutation = fc.record({
    path: fc.constantFrom(...pathsOf(documented)),
    op: fc.constantFrom<'set' | 'delete'>('set', 'set', 'delete'),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText),
  });
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => mutations.reduce(apply, structuredClone(documented)));
}

/** Header maps as senders and attackers write them (names lower-cased, as the host hands them over). */
export function headersWith(names: readonly string[]): fc.Arbitrary<Record<string, string>> {
  return fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 20 }).map((n) => n.toLowerCase())), fc.oneof(hostileText, fc.string()), { maxKeys: 5 });
}
