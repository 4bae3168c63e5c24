import { Incident, personKey, type IncidentState, type IncidentStatus, type Milestone } from '@muster/core';
import { IncidentRecord } from '../records/incident.record';
import { IncidentRoleRecord } from '../records/incident-role.record';
import { IncidentRoomRecord } from '../records/incident-room.record';

/** Milestone → column, so each milestone is a real datetime column (durations and reports query them). */
const MILESTONE_COLUMNS = {
  detected: 'detectedAt', declared: 'declaredAt', acknowledged: 'acknowledgedAt',
  mitigated: 'mitigatedAt', resolved: 'resolvedAt', closed: 'closedAt',
} as const satisfies Record<Milestone, keyof IncidentRecord>;

/** The incident row, with `version` as given (the version being written). */
export function toIncidentRecord(state: IncidentState, version: number): IncidentRecord {
  const record = new IncidentRecord();
  Object.assign(record, {
    id: state.id, tenantId: state.tenantId, number: state.number, title: state.title, summary: state.summary, severity: state.severity, status: state.status,
    private: state.private, services: [...state.services], source: state.source, declaredBy: state.declaredBy, links: state.links,
    createdAt: state.createdAt, updatedAt: state.updatedAt, version,
  });
  for (const [milestone, column] of Object.entries(MILESTONE_COLUMNS)) record[column] = state.milestones[milestone as Milestone] ?? null;
  return record;
}

export function toRoleRecords(state: IncidentState): IncidentRoleRecord[] {
  return state.roles.map((r, ordinal) => Object.assign(new IncidentRoleRecord(), {
    incidentId: state.id, ordinal, role: r.role, personKey: personKey(r.person), person: r.person, assignedAt: r.assignedAt, assignedBy: r.assignedBy,
  }));
}

/** One lookup row per room; the room itself stays in the links. */
export function toRoomRecords(state: IncidentState): IncidentRoomRecord[] {
  const seen = new Set<string>();
  return state.links.rooms.flatMap((room) => {
    const key = `${room.platform}\u0000${room.workspaceId}\u0000${room.conversationId}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [Object.assign(new IncidentRoomRecord(), { platform: room.platform, workspaceId: room.workspaceId, conversationId: room.conversationId, incidentId: state.id })];
  });
}

/** Rebuilds the aggregate; `roles` must be this incident's role rows, in any order. */
export function toIncident(record: IncidentRecord, roles: readonly IncidentRoleRecord[]): Incident {
  const milestones: Partial<Record<Milestone, Date>> = {};
  for (const [milestone, column] of Object.entries(MILESTONE_COLUMNS)) {
    const at = record[column];
    if (at) milestones[milestone as Milestone] = at;
  }
  return Incident.restore({
    id: record.id,
    tenantId: record.tenantId,
    number: record.number,
    title: record.title,
    summary: record.summary,
    severity: record.severity,
    status: record.status as IncidentStatus,
    private: record.private,
    services: record.services,
    roles: [...roles].sort((a, b) => a.ordinal - b.ordinal).map((r) => ({ role: r.role, person: r.person, assignedAt: r.assignedAt, assignedBy: r.assignedBy })),
    milestones,
    links: record.links,
    declaredBy: record.declaredBy,
    source: record.source,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    version: record.version,
  });
}
