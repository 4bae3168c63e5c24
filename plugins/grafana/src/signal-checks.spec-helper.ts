import { expect } from 'chai';
import { PayloadError, type AlertSignal } from '@muster/plugin-sdk';

/** What every signal must look like, whatever the payload was: the host stores it as is. */
export function expectWellFormed(signal: AlertSignal, severityIds: readonly string[]): void {
  expect(['firing', 'resolved']).to.include(signal.status);
  expect(signal.groupKey).to.be.a('string').with.length.within(1, 200);
  expect(signal.groupKey.trim()).not.to.equal('');
  expect(signal.deliveryId).to.be.a('string').with.length.within(1, 200);
  expect(signal.deliveryId.trim()).not.to.equal('');
  expect(signal.title).to.be.a('string').with.length.within(1, 200);
  expect(signal.title).to.equal(signal.title.trim());
  expect(signal.title).not.to.match(/[\u0000-\u001F\u007F\u202A-\u202E]/);
  if (signal.summary !== undefined) expect(signal.summary).to.be.a('string').with.length.within(1, 2000);
  if (signal.severity !== undefined) expect(severityIds).to.include(signal.severity);
  for (const service of signal.services ?? []) expect(service).to.be.a('string').with.length.within(1, 200);
  if (signal.url !== undefined) {
    expect(new URL(signal.url).protocol).to.be.oneOf(['http:', 'https:']);
    expect(signal.url).to.have.length.at.most(2000);
  }
  if (signal.startedAt !== undefined) expect(new Date(signal.startedAt).toISOString()).to.equal(signal.startedAt);
  for (const [key, value] of Object.entries(signal.labels ?? {})) {
    expect(key).to.be.a('string').with.length.greaterThan(0);
    expect(value).to.be.a('string');
  }
  expect(Object.getPrototypeOf(signal.labels ?? {})).to.equal(Object.prototype);
  for (const alert of signal.alerts ?? []) {
    expect(alert.id).to.be.a('string').with.length.greaterThan(0);
    expect(['firing', 'resolved']).to.include(alert.status);
    if (alert.title !== undefined) expect(alert.title).to.have.length.within(1, 200);
    if (alert.url !== undefined) expect(new URL(alert.url).protocol).to.be.oneOf(['http:', 'https:']);
  }
}

/** Runs `parse`; anything thrown other than a PayloadError with a reason fails the property. */
export function parseOrPayloadError(parse: () => readonly AlertSignal[]): readonly AlertSignal[] | PayloadError {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    expect(error.reason).to.be.a('string').with.length.within(1, 400);
    return error;
  }
}

/** The thrown PayloadError, for asserting on its reason. */
export function payloadErrorOf(parse: () => unknown): PayloadError {
  try {
    parse();
  } catch (error) {
    expect(error).to.be.instanceOf(PayloadError);
    return error as PayloadError;
  }
  expect.fail('parse accepted the payload');
}

/** Every path in a JSON document, for mutating a documented payload at any depth. */
export function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const here = [[...prefix]];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return here;
}

/** A copy of `document` with the value at `path` replaced (or removed when `value` is undefined). */
export function mutated(document: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  // An earlier mutation replaced the whole document: there is no field left to change.
  if (document === null || typeof document !== 'object') return document;
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    // An earlier mutation removed this branch: nothing left to change.
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
