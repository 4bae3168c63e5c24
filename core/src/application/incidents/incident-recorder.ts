import { inject, injectable } from 'inversify';
import type { IncidentEvent } from '../../domain/events';
import { displayName, type Incident } from '../../domain/incident';
import type { ChatPlatform, ConversationRef } from '../../domain/person';
import { integrationLine } from '../views/integration-line';
import { timelineEntry, type TimelineEntry, type TimelineKind } from '../../domain/timeline';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { Repositories } from '../ports/unit-of-work.port';
import type { NewOutboxMessage } from '../ports/outbox.port';
import { EventSubscribers } from '../extensions/event-subscribers';
import { outboxMessage } from '../outbox/topics';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';

/**
 * Saves an incident and, in the same transaction, what its changes mean: timeline entries for every
 * event and the side effects the event subscribers (extensions/event-subscribers.ts) call for, plus one
 * card refresh per change. One place, so every flow records the same way, and a rolled-back change
 * leaves no side effect behind.
 */
@injectable()
export class IncidentRecorder {
  constructor(
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(EventSubscribers) private readonly subscribers: EventSubscribers,
  ) {}

  /**
   * `requestKey` (the inbound request's idempotency key) names the timeline entries, so a redelivered
   * request can find what it did the first time; system changes are named by incident version.
   */
  async commit(tx: Repositories, incident: Incident, origin: ChangeOrigin): Promise<void> {
    const { source, requestKey } = origin;
    const events = incident.pullEvents();
    await tx.incidents.save(incident);
    const version = incident.version;
    const now = this.clock.now();
    const keyOf = (index: number) => (requestKey ? `${requestKey}:${index}` : `event:${incident.id}:v${version}:${index}`);
    const effects: NewOutboxMessage[] = [];
    const entries = events.map((event, index) => this.entryFor(incident, event, source, keyOf(index)));
    // One statement for the change's entries (a declaration has two: declared, commander assigned). A
    // redelivered request's entries are already there under the same keys and are skipped, as append does.
    if (entries.length === 1) await tx.timeline.append(entries[0]!);
    else if (entries.length > 1) await tx.timeline.appendMany(entries);
    for (const event of events) effects.push(...this.subscribers.effectsOf(event, incident, origin, now));
    if (events.length > 0) effects.push(outboxMessage('card.refresh', { incidentId: incident.id }, `${incident.id}:v${version}`, now));
    await tx.outbox.enqueue(effects);
  }

  private entryFor(incident: Incident, event: IncidentEvent, source: string, key: string): TimelineEntry {
    const base = { id: this.ids.newId(), incidentId: incident.id, occurredAt: event.at, recordedAt: this.clock.now(), source, idempotencyKey: key };
    const entry = (kind: TimelineKind, text: string, data: Record<string, unknown>, actor = 'by' in event ? event.by : undefined) =>
      timelineEntry({ ...base, kind, text, data, actor });
    const role = (id: string) => this.settings.roles.find(id)?.label ?? id;
    switch (event.type) {
      case 'declared':
        return entry('declared', `Declared "${event.title}" as ${event.severity}.`, { severity: event.severity });
      case 'status_changed':
        return entry('status_change', `Status ${event.from} → ${event.to}${event.reason ? `: ${event.reason}` : ''}.`, { from: event.from, to: event.to });
      case 'severity_changed':
        return entry('severity_change', `Severity ${event.from} → ${event.to}.`, { from: event.from, to: event.to });
      case 'role_assigned':
        return entry('role_change', `${displayName(event.person)} is now ${role(event.role)}${event.previous ? ` (taking over from ${displayName(event.previous)})` : ''}.`,
          { role: event.role, person: event.person, previous: event.previous });
      case 'details_changed':
        return entry('command', `Details changed${event.title ? `: title "${event.title}"` : ''}${event.services ? `; services ${event.services.join(', ')}` : ''}.`, { ...event, at: undefined, by: undefined });
      case 'room_linked':
        return entry('room', `Room opened on ${event.room.platform}: ${event.room.name ?? event.room.conversationId}.`, { room: event.room }, undefined);
      case 'link_added':
        return entry('integration', `${event.kind} linked: ${event.link.title} ${event.link.url}`, { kind: event.kind, link: event.link });
      case 'integration_changed':
        return entry('integration', integrationLine(event.status), { ...event.status }, undefined);
    }
  }
}

/** Where a change came from: the request's platform and workspace, or `system` work. */
export interface ChangeOrigin {
  /** Recorded as the timeline entries' source: `slack`, `console`, `api`, `system`, a plugin id. */
  readonly source: string;
  readonly platform: string;
  readonly workspaceId: string;
  readonly conversation?: ConversationRef;
  /** The inbound request's idempotency key, naming the entries so a redelivery finds them. */
  readonly requestKey?: string;
  /** Where rooms open when the origin is no chat (an alert from a plugin installed in a workspace); else the home. */
  readonly roomsAt?: { readonly platform: ChatPlatform; readonly workspaceId: string };
}

export const SYSTEM_ORIGIN: ChangeOrigin = { source: 'system', platform: 'system', workspaceId: '' };
