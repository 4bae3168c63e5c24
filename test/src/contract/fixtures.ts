import { randomUUID } from 'node:crypto';
import {
  Incident, RoleCatalog, SeverityCatalog, timelineEntry, type NewIncident, type MusterErrorCode,
  type NewTimelineEntry, type PersonRef, type TimelineEntry,
} from '@muster/core';
import { expect } from 'chai';
import { failureOf } from '../kits/failures';

export const severities = new SeverityCatalog();
export const roles = new RoleCatalog();

export const ada: PersonRef = { platform: 'slack', id: 'U0ADA', name: 'Ada Lovelace' };
export const grace: PersonRef = { platform: 'teams', id: '29:grace-aad-object-id', name: 'Grace Hopper' };
export const linus: PersonRef = { platform: 'slack', id: 'U0LINUS' };

/** A moment with milliseconds, so a store that drops them is caught. */
export const at = (iso: string): Date => new Date(iso);
export const T0 = at('2024-05-01T10:00:00.123Z');
export const minutesAfter = (base: Date, minutes: number): Date => new Date(base.getTime() + minutes * 60_000 + 7);

export const newId = (prefix: string): string => `${prefix}-${randomUUID()}`;

export function declare(number: number, overrides: Partial<NewIncident> = {}): Incident {
  return Incident.declare({
    id: newId('inc'), number, title: 'Checkout is failing', severity: 'SEV2', declaredBy: ada, source: 'slack', at: T0, ...overrides,
  }, severities);
}

export function entry(incidentId: string, overrides: Partial<NewTimelineEntry> = {}): TimelineEntry {
  return timelineEntry({
    id: newId('tl'), incidentId, kind: 'message', occurredAt: T0, recordedAt: minutesAfter(T0, 1), actor: ada, source: 'slack',
    text: 'Rolling back the deploy', idempotencyKey: `slack:${newId('Ev')}`, ...overrides,
  });
}

/**
 * A value as stores agree to return it: members that are undefined are the same as absent (JSON
 * columns drop them). Dates stay Dates, so they are compared to the millisecond.
 */
export function plain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plain) as T;
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)])) as T;
}

/** Awaits a promise that must fail with a MusterError of `code`; returns the error for more checks. */
export async function expectMusterError(promise: Promise<unknown>, code: MusterErrorCode): Promise<Error> {
  const error = await failureOf(promise);
  expect(error.code, error.message).to.equal(code);
  return error;
}

export const settle = <T>(promises: Promise<T>[]) => Promise.allSettled(promises);
