import { Incident, type IncidentState } from './incident';
import type { IncidentStatus } from './lifecycle';
import type { PersonRef } from './person';
import { SeverityCatalog } from './severity';

export const alice: PersonRef = { platform: 'console', id: 'alice', name: 'alice' };
export const bob: PersonRef = { platform: 'console', id: 'bob', name: 'bob' };
export const carol: PersonRef = { platform: 'console', id: 'carol', name: 'carol' };
export const T0 = new Date('2026-11-22T03:00:00.000Z');
export const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

export function declared(overrides: Partial<Parameters<typeof Incident.declare>[0]> = {}): Incident {
  const incident = Incident.declare({
    id: 'inc-1', number: 42, title: 'Checkout errors', severity: 'SEV2', declaredBy: alice, source: 'console', at: T0,
    declarerTakesCommand: true, ...overrides,
  }, new SeverityCatalog());
  incident.pullEvents();
  return incident;
}

/** An incident as storage would hand it back, in any status. */
export function inStatus(status: IncidentStatus, patch: Partial<IncidentState> = {}): Incident {
  return Incident.restore({ ...declared().snapshot(), status, ...patch });
}
