import type { Incident, PersonRef } from '@muster/core';
import type { PluginIncident, PluginPerson } from '@muster/plugin-sdk';

/** What a plugin sees of an incident: a plain copy, never the aggregate. */
export function pluginIncidentOf(incident: Incident): PluginIncident {
  const state = incident.snapshot();
  const roles: Record<string, PluginPerson[]> = {};
  for (const assignment of state.roles) (roles[assignment.role] ??= []).push(pluginPersonOf(assignment.person));
  return {
    id: state.id,
    reference: incident.reference,
    tenantId: state.tenantId,
    title: state.title,
    ...(state.summary && { summary: state.summary }),
    severity: state.severity,
    status: state.status,
    private: state.private,
    services: [...state.services],
    declaredAt: (state.milestones.declared ?? state.createdAt).toISOString(),
    ...(state.milestones.resolved && { resolvedAt: state.milestones.resolved.toISOString() }),
    rooms: state.links.rooms.map((r) => ({ platform: r.platform, ...(r.name && { name: r.name }), ...(r.url && { url: r.url }) })),
    roles,
  };
}

export function pluginPersonOf(person: PersonRef): PluginPerson {
  return { platform: person.platform, id: person.id, ...(person.name && { name: person.name }) };
}
