import type { IncidentEvent } from '@muster/core';
import type { PluginEventName } from '@muster/plugin-sdk';

/** The outbox topic of a plugin's event handler call. */
export const PLUGIN_EVENT_TOPIC = 'plugin.event' as const;

/** The plugin events a domain event means (a resolve is both a status change and `incident.resolved`). */
export function pluginEventsOf(event: IncidentEvent): PluginEventName[] {
  switch (event.type) {
    case 'declared': return ['incident.declared'];
    case 'status_changed': return event.to === 'resolved' ? ['incident.status_changed', 'incident.resolved'] : ['incident.status_changed'];
    case 'severity_changed': return ['incident.severity_changed'];
    case 'role_assigned': return ['incident.role_assigned'];
    default: return [];
  }
}

/** What the event adds to the incident snapshot, stored in the outbox payload (plain JSON). */
export function eventDetailOf(event: IncidentEvent): Record<string, unknown> {
  switch (event.type) {
    case 'status_changed':
    case 'severity_changed':
      return { from: event.from, to: event.to };
    case 'role_assigned':
      return { role: event.role, person: { platform: event.person.platform, id: event.person.id, ...(event.person.name && { name: event.person.name }) } };
    default:
      return {};
  }
}

/** Names one event of one incident: the same change always gives the same key, so it is enqueued once. */
export function eventKeyOf(event: IncidentEvent, incidentId: string, version: number): string {
  const extra = event.type === 'role_assigned' ? `:${event.role}:${event.person.platform}:${event.person.id}` : '';
  return `${incidentId}:v${version}:${event.type}:${event.at.getTime()}${extra}`;
}

/** Names the publication of one status update: it happens once, so its key needs nothing else. */
export const updateKeyOf = (updateId: string): string => `update:${updateId}:published`;
