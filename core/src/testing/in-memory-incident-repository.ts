import type { IncidentFilter, IncidentRepository } from '../application/ports/repositories.port';
import { MusterError } from '../errors';
import { formatReference, Incident, referenceNumber, type IncidentState } from '../domain/incident';
import type { IncidentStatus } from '../domain/lifecycle';
import type { ConversationRef } from '../domain/person';
import { copy, jsonCopy, staleCopy, type InMemoryDatabase, type UndoLog } from './in-memory-database';

export class InMemoryIncidentRepository implements IncidentRepository {
  constructor(private readonly db: InMemoryDatabase, private readonly undo?: UndoLog) {}

  async nextNumber(tenantId: string): Promise<number> {
    return this.db.sequences.next(`incident:${tenantId}`, this.undo);
  }

  async save(incident: Incident): Promise<void> {
    const state = incident.snapshot();
    const stored = this.db.incidents.get(state.id);
    if (state.version === 0) {
      // A copy that was never saved: someone else inserting the same id first is a lost race, not a retry.
      if (stored) throw staleCopy(formatReference(state.number));
      const taken = [...this.db.incidents.values()].some((i) => i.tenantId === state.tenantId && i.number === state.number);
      if (taken) throw new MusterError('duplicate', `${formatReference(state.number)} already exists; declare again to get a new number.`);
    } else if (!stored || stored.version !== state.version) {
      throw staleCopy(formatReference(state.number));
    }
    const version = state.version + 1;
    this.db.incidents.set(state.id, asStored({ ...state, version }), this.undo);
    incident.markSaved(version);
  }

  async findById(id: string): Promise<Incident | undefined> {
    return restore(this.db.incidents.get(id));
  }

  async findByNumber(tenantId: string, number: number): Promise<Incident | undefined> {
    return restore([...this.db.incidents.values()].find((i) => i.tenantId === tenantId && i.number === number));
  }

  async findByRoom(room: Pick<ConversationRef, 'platform' | 'workspaceId' | 'conversationId'>): Promise<Incident | undefined> {
    const inRoom = newestFirst([...this.db.incidents.values()]).find((i) => i.links.rooms.some((r) =>
      r.platform === room.platform && r.workspaceId === room.workspaceId && r.conversationId === room.conversationId));
    return restore(inRoom);
  }

  async list(filter: IncidentFilter = {}): Promise<Incident[]> {
    const ordered = newestFirst([...this.db.incidents.values()]);
    if (filter.oldestFirst) ordered.reverse();
    const text = filter.text?.trim() ? asciiLower(filter.text.trim()) : undefined;
    const service = filter.service !== undefined ? asciiLower(filter.service) : undefined;
    const matching = ordered.filter((i) =>
      (filter.tenantId === undefined || i.tenantId === filter.tenantId) &&
      (!filter.statuses || filter.statuses.includes(i.status)) &&
      (!filter.severities || filter.severities.includes(i.severity)) &&
      (!filter.excludePrivate || !i.private) &&
      (filter.beforeNumber === undefined || i.number < filter.beforeNumber) &&
      (filter.afterNumber === undefined || i.number > filter.afterNumber) &&
      (text === undefined || asciiLower(i.title).includes(text) || asciiLower(i.summary).includes(text) || referenceNumber(text) === i.number) &&
      (service === undefined || i.services.some((s) => asciiLower(s) === service)) &&
      (filter.declaredFrom === undefined || (!!i.milestones.declared && i.milestones.declared >= filter.declaredFrom)) &&
      (filter.declaredBefore === undefined || (!!i.milestones.declared && i.milestones.declared < filter.declaredBefore)));
    return matching.slice(0, filter.limit ?? matching.length).map((i) => Incident.restore(copy(i)));
  }

  async countByStatusAndSeverity(): Promise<{ status: IncidentStatus; severity: string; count: number }[]> {
    const counts = new Map<string, { status: IncidentStatus; severity: string; count: number }>();
    for (const i of this.db.incidents.values()) {
      const key = `${i.status}\u0000${i.severity}`;
      const row = counts.get(key) ?? { status: i.status, severity: i.severity, count: 0 };
      counts.set(key, { ...row, count: row.count + 1 });
    }
    return [...counts.values()];
  }
}

/** What SQLite's LOWER does (ASCII only), so every store matches the same incidents. */
const asciiLower = (text: string): string => text.replace(/[A-Z]+/g, (c) => c.toLowerCase());

const newestFirst = (incidents: IncidentState[]): IncidentState[] => incidents.sort((a, b) => b.number - a.number);

const restore = (state: IncidentState | undefined): Incident | undefined => (state ? Incident.restore(copy(state)) : undefined);

/** What a SQL store would give back: JSON columns lose undefined members, unset milestones are absent. */
function asStored(state: IncidentState): IncidentState {
  const milestones = Object.fromEntries(Object.entries(state.milestones).filter(([, at]) => at !== undefined).map(([m, at]) => [m, new Date(at)]));
  return {
    ...copy(state),
    services: jsonCopy(state.services),
    links: jsonCopy(state.links),
    declaredBy: jsonCopy(state.declaredBy),
    roles: state.roles.map((r) => ({ role: r.role, person: jsonCopy(r.person), assignedAt: new Date(r.assignedAt), assignedBy: jsonCopy(r.assignedBy) })),
    milestones,
  };
}
