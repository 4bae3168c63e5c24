import { durationsOf, type ActionItem, type Incident, type PersonRef, type Postmortem, type StatusUpdate, type TimelineEntry } from '@muster/core';

/**
 * The REST shapes (documented in the README). Built field by field rather than by spreading domain
 * objects, so an internal field never leaks into the API and the shapes stay stable.
 */
export interface PersonJson { platform: string; id: string; name: string | null }

const person = (p: PersonRef): PersonJson => ({ platform: p.platform, id: p.id, name: p.name ?? null });
const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);
const ms = (n: number | undefined): number | null => (n === undefined ? null : n);

export function incidentJson(incident: Incident) {
  const s = incident.snapshot();
  const durations = durationsOf(s.milestones);
  return {
    reference: incident.reference,
    number: s.number,
    title: s.title,
    summary: s.summary,
    severity: s.severity,
    status: s.status,
    private: s.private,
    services: [...s.services],
    roles: s.roles.map((r) => ({ role: r.role, person: person(r.person), assignedAt: iso(r.assignedAt) })),
    milestones: Object.fromEntries(Object.entries(s.milestones).map(([name, at]) => [name, iso(at)])),
    durations: {
      timeToAcknowledge: ms(durations.timeToAcknowledge),
      timeToMitigate: ms(durations.timeToMitigate),
      timeToResolve: ms(durations.timeToResolve),
      declarationDelay: ms(durations.declarationDelay),
    },
    links: {
      rooms: s.links.rooms.map((r) => ({ platform: r.platform, workspaceId: r.workspaceId, conversationId: r.conversationId, name: r.name ?? null, url: r.url ?? null })),
      external: s.links.external.map((l) => ({ kind: l.kind, title: l.title, url: l.url })),
    },
    declaredBy: person(s.declaredBy),
    source: s.source,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    version: s.version,
  };
}

export function timelineEntryJson(entry: TimelineEntry) {
  return {
    position: entry.position ?? null,
    kind: entry.kind,
    occurredAt: iso(entry.occurredAt),
    recordedAt: iso(entry.recordedAt),
    actor: entry.actor ? person(entry.actor) : null,
    source: entry.source,
    text: entry.text,
    highlighted: entry.highlighted,
    edited: entry.revisions.length > 0,
    deletedAt: iso(entry.deletedAt),
  };
}

export function actionItemJson(item: ActionItem) {
  return {
    id: item.id,
    text: item.text,
    state: item.state,
    owner: item.owner ? person(item.owner) : null,
    createdBy: person(item.createdBy),
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt),
    ticket: item.ticket ? { title: item.ticket.title, url: item.ticket.url } : null,
    dueAt: item.dueAt ? iso(item.dueAt) : null,
  };
}

export function statusUpdateJson(update: StatusUpdate) {
  return {
    id: update.id,
    audience: update.audience,
    state: update.state,
    body: update.body,
    author: update.author.kind === 'person'
      ? { kind: 'person', person: person(update.author.person), model: null }
      : { kind: 'ai', person: person(update.author.requestedBy), model: update.author.model },
    createdAt: iso(update.createdAt),
    updatedAt: iso(update.updatedAt),
    decidedBy: update.decidedBy ? person(update.decidedBy) : null,
    decidedAt: iso(update.decidedAt),
    rejectionReason: update.rejectionReason ?? null,
    publishedAt: iso(update.publishedAt),
    publishedTo: update.publishedTo.map((t) => ({ kind: t.kind, name: t.name, url: t.url ?? null })),
    /** What an edit or an approval names, so a draft changed meanwhile is never approved unseen. */
    version: update.version,
  };
}

/** The postmortem's stored sections (GET .../postmortem with Accept: application/json); `revision` is what an edit names. */
export function postmortemJson(incident: Incident, postmortem: Postmortem) {
  return {
    reference: incident.reference,
    state: postmortem.state,
    sections: postmortem.sections.map((s) => ({
      key: s.key, title: s.title, body: s.body, origin: s.origin, revision: s.revision ?? 0, editedBy: s.editedBy ? person(s.editedBy) : null,
    })),
    updatedAt: iso(postmortem.updatedAt),
  };
}
