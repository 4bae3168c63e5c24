import { MusterError } from '../errors';
import type { IncidentEvent } from './events';
import type { IncidentRoom, IncidentState, NewIncident } from './incident-state';
import { integrationsWith, type IntegrationStatus } from './integration';
import { assertTransition, isOpen, milestonesOnEnter, type IncidentStatus } from './lifecycle';
import { conversationKey, enclosingConversations, samePerson, type ConversationAddress, type ConversationRef, type Link, type PersonRef } from './person';
import type { RoleCatalog } from './roles';
import type { SeverityCatalog } from './severity';
import { DEFAULT_TENANT } from './tenancy';

export type { IncidentLinks, IncidentRoom, IncidentState, NewIncident, RoleAssignment } from './incident-state';

export const MAX_TITLE_LENGTH = 200;
export const formatReference = (n: number): string => `INC-${n}`;

/** The number of a typed reference (`INC-42`, `inc-42`), or undefined when the text is not one. */
export function referenceNumber(text: string): number | undefined {
  const match = /^INC-(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * The incident aggregate. Every change goes through an intent method that checks the invariants and
 * records an event; the application layer turns those events into timeline entries and side effects.
 */
export class Incident {
  private pending: IncidentEvent[] = [];

  private constructor(private state: IncidentState) {}

  static declare(input: NewIncident, severities: SeverityCatalog): Incident {
    const title = input.title.trim();
    if (!title) throw new MusterError('missing_argument', 'An incident needs a title: say in a few words what is wrong.');
    if (title.length > MAX_TITLE_LENGTH) throw new MusterError('invalid_argument', `The title is ${title.length} characters; keep it under ${MAX_TITLE_LENGTH}.`);
    const severity = severities.get(input.severity).id;
    const detected = input.detectedAt && input.detectedAt < input.at ? input.detectedAt : input.at;
    const incident = new Incident({
      id: input.id,
      tenantId: input.tenantId ?? DEFAULT_TENANT,
      number: input.number,
      title,
      summary: input.summary?.trim() ?? '',
      severity,
      status: 'triage',
      private: input.private ?? false,
      services: dedupe(input.services ?? []),
      roles: input.declarerTakesCommand
        ? [{ role: 'commander', person: input.declaredBy, assignedAt: input.at, assignedBy: input.declaredBy }]
        : [],
      milestones: { detected, declared: input.at },
      links: { rooms: [], external: [] },
      declaredBy: input.declaredBy,
      source: input.source,
      createdAt: input.at,
      updatedAt: input.at,
      version: 0,
    });
    incident.record({ type: 'declared', at: input.at, by: input.declaredBy, severity, title });
    if (input.declarerTakesCommand) {
      incident.record({ type: 'role_assigned', at: input.at, by: input.declaredBy, role: 'commander', person: input.declaredBy });
    }
    return incident;
  }

  /** Rebuild from storage; records no events. */
  static restore(state: IncidentState): Incident {
    return new Incident(state);
  }

  get id(): string { return this.state.id; }
  get tenantId(): string { return this.state.tenantId; }
  get reference(): string { return formatReference(this.state.number); }
  get status(): IncidentStatus { return this.state.status; }
  get severity(): string { return this.state.severity; }
  get title(): string { return this.state.title; }
  get isPrivate(): boolean { return this.state.private; }
  get isOpen(): boolean { return isOpen(this.state.status); }
  get version(): number { return this.state.version; }
  snapshot(): IncidentState { return this.state; }

  holdersOf(role: string): PersonRef[] {
    return this.state.roles.filter((r) => r.role === role).map((r) => r.person);
  }

  rolesOf(person: PersonRef): string[] {
    return this.state.roles.filter((r) => samePerson(r.person, person)).map((r) => r.role);
  }

  /**
   * The declarer and role holders take part by record; members of the incident's rooms by being there
   * (see hasRoom). Together they are who may see a private incident.
   */
  isParticipant(person: PersonRef): boolean {
    const s = this.state;
    return samePerson(s.declaredBy, person) || s.roles.some((r) => samePerson(r.person, person));
  }

  /**
   * Whether a conversation is one of the incident's rooms, or a thread of one (see
   * enclosingConversations): being in it makes one a participant.
   */
  hasRoom(conversation: ConversationAddress | undefined): boolean {
    if (!conversation) return false;
    const keys = new Set(enclosingConversations(conversation).map(conversationKey));
    return this.state.links.rooms.some((r) => keys.has(conversationKey(r)));
  }

  roomOn(platform: ConversationRef['platform'], workspaceId?: string): IncidentRoom | undefined {
    return this.state.links.rooms.find((r) => r.platform === platform && (workspaceId === undefined || r.workspaceId === workspaceId));
  }

  transitionTo(to: IncidentStatus, by: PersonRef, at: Date, reason?: string): void {
    const from = this.state.status;
    assertTransition(this.reference, from, to);
    const milestones = { ...this.state.milestones };
    // A reopen: the earlier resolution did not hold, so time-to-resolve runs to the next one. The first
    // acknowledgement and mitigation stay: time-to-mitigate measures how fast impact was first stopped,
    // and later mitigations are on the timeline as status changes.
    if (from === 'resolved' && to === 'investigating') delete milestones.resolved;
    for (const m of milestonesOnEnter(to, from)) milestones[m] ??= at;
    this.apply({ status: to, milestones }, at);
    this.record({ type: 'status_changed', at, by, from, to, reason });
  }

  changeSeverity(level: string, by: PersonRef, at: Date, severities: SeverityCatalog): void {
    this.assertNotFinished('change the severity of');
    const to = severities.get(level).id;
    const from = this.state.severity;
    if (to === from) throw new MusterError('invalid_argument', `${this.reference} is already ${to}.`);
    this.apply({ severity: to }, at);
    this.record({ type: 'severity_changed', at, by, from, to });
  }

  assignRole(roleWord: string, person: PersonRef, by: PersonRef, at: Date, roles: RoleCatalog): void {
    this.assertNotFinished('assign roles on');
    const role = roles.get(roleWord);
    const holders = this.holdersOf(role.id);
    if (holders.some((h) => samePerson(h, person))) {
      throw new MusterError('invalid_argument', `${displayName(person)} is already ${role.label} on ${this.reference}.`);
    }
    const previous = role.multiple ? undefined : holders[0];
    const kept = role.multiple ? this.state.roles : this.state.roles.filter((r) => r.role !== role.id);
    this.apply({ roles: [...kept, { role: role.id, person, assignedAt: at, assignedBy: by }] }, at);
    this.record({ type: 'role_assigned', at, by, role: role.id, person, previous });
  }

  editDetails(change: { title?: string; summary?: string; services?: readonly string[] }, by: PersonRef, at: Date): void {
    const title = change.title?.trim();
    if (title !== undefined && !title) throw new MusterError('missing_argument', 'The title cannot be empty.');
    if (title && title.length > MAX_TITLE_LENGTH) throw new MusterError('invalid_argument', `The title is ${title.length} characters; keep it under ${MAX_TITLE_LENGTH}.`);
    const services = change.services ? dedupe(change.services) : undefined;
    this.apply({
      ...(title !== undefined && { title }),
      ...(change.summary !== undefined && { summary: change.summary.trim() }),
      ...(services && { services }),
    }, at);
    this.record({ type: 'details_changed', at, by, title, summary: change.summary, services });
  }

  linkRoom(room: ConversationRef, at: Date): void {
    const key = conversationKey(room);
    if (this.state.links.rooms.some((r) => conversationKey(r) === key)) return;
    const rooms = [...this.state.links.rooms.filter((r) => !(r.platform === room.platform && r.workspaceId === room.workspaceId)), room];
    this.apply({ links: { ...this.state.links, rooms } }, at);
    this.record({ type: 'room_linked', at, room });
  }

  /** Remember the pinned card in a room, so later changes update it in place. Not an event: nothing changed for people. */
  recordCard(room: ConversationRef, messageId: string, at: Date): void {
    const key = conversationKey(room);
    const rooms = this.state.links.rooms.map((r) => (conversationKey(r) === key ? { ...r, cardMessageId: messageId } : r));
    this.apply({ links: { ...this.state.links, rooms } }, at);
  }

  addLink(kind: string, link: Link, by: PersonRef, at: Date): void {
    const external = [...this.state.links.external.filter((l) => !(l.kind === kind && l.url === link.url)), { ...link, kind }];
    this.apply({ links: { ...this.state.links, external } }, at);
    this.record({ type: 'link_added', at, by, kind, link });
  }

  /** Where each integration stands for this incident, in the order they were first asked. */
  get integrations(): readonly IntegrationStatus[] {
    return this.state.links.integrations ?? [];
  }

  integration(key: string): IntegrationStatus | undefined {
    return this.integrations.find((i) => i.key === key);
  }

  /**
   * Records where an integration stands (integration.ts `integrationsWith`: one line per key). A timeline
   * event only when people would see the difference; false when nothing changed. Allowed on finished
   * incidents too: a ticket may be transitioned after close.
   */
  recordIntegration(status: IntegrationStatus, at: Date): boolean {
    const change = integrationsWith(this.integrations, status, at);
    if (!change) return false;
    this.apply({ links: { ...this.state.links, integrations: change.integrations } }, at);
    if (change.visible) this.record({ type: 'integration_changed', at, status: change.status, ...(change.previous && { previous: change.previous }) });
    return true;
  }

  /** Events recorded since the last call; the caller persists and publishes them. */
  pullEvents(): IncidentEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  /** Called by a repository after a successful save. */
  markSaved(version: number): void {
    this.state = { ...this.state, version };
  }

  private assertNotFinished(verb: string): void {
    if (this.state.status === 'closed' || this.state.status === 'declined') {
      throw new MusterError('invalid_state', `${this.reference} is ${this.state.status}; you cannot ${verb} it any more.`, { status: this.state.status });
    }
  }

  private apply(change: Partial<IncidentState>, at: Date): void {
    this.state = { ...this.state, ...change, updatedAt: at };
  }

  private record(event: IncidentEvent): void {
    this.pending.push(event);
  }
}

export const displayName = (p: PersonRef): string => (p.name ? p.name : p.id);

const dedupe = (values: readonly string[]): string[] => [...new Set(values.map((v) => v.trim()).filter(Boolean))];
