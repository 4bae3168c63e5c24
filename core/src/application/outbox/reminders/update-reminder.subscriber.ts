import { inject, injectable } from 'inversify';
import type { IncidentEvent, StatusUpdateEvent } from '../../../domain/events';
import type { Incident } from '../../../domain/incident';
import { isOpen } from '../../../domain/lifecycle';
import type { IncidentEventSubscriber, StatusUpdateSubscriber } from '../../extensions/extension-points';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { outboxMessage } from '../topics';

/**
 * Starts the status-update clock: the first timer of a chain, due one cadence (the severity's
 * updateCadenceMinutes) after its anchor. A chain is anchored at the declaration, a severity change
 * (which re-anchors: SEV3 → SEV1 switches to SEV1's cadence from the change), a reopen, or a published
 * update, internal or external (any published update resets the clock; a draft does not). Each timer
 * enqueues the next itself (update-due.handler.ts); an older chain finds at fire time that a newer one
 * started and does nothing, so there is one live chain per incident.
 */
@injectable()
export class UpdateReminderSubscriber implements IncidentEventSubscriber, StatusUpdateSubscriber {
  readonly name = 'core.reminders.updates';

  constructor(@inject(TOKENS.Settings) private readonly settings: MusterSettings) {}

  effectsOf(event: IncidentEvent, incident: Incident, _origin: unknown, _now: Date): NewOutboxMessage[] {
    if (event.type === 'declared') return this.chain(incident, event.at, incident.severity);
    if (event.type === 'severity_changed') return this.chain(incident, event.at, event.to);
    if (event.type === 'status_changed' && !isOpen(event.from) && isOpen(event.to)) return this.chain(incident, event.at, incident.severity);
    return [];
  }

  effectsOfUpdate(event: StatusUpdateEvent, incident: Incident, _now: Date): NewOutboxMessage[] {
    return event.type === 'update_published' ? this.chain(incident, event.update.publishedAt ?? event.at, incident.severity) : [];
  }

  private chain(incident: Incident, anchor: Date, severity: string): NewOutboxMessage[] {
    const cadence = this.settings.severities.find(severity)?.updateCadenceMinutes ?? 0;
    if (!this.settings.reminders.updates || !incident.isOpen || cadence <= 0) return [];
    return [updateDueTimer(incident.id, anchor.getTime(), 1, severity, new Date(anchor.getTime() + cadence * 60_000))];
  }
}

/** Interval `n` of the chain anchored at `anchorMs`: the key names both, so each interval is reminded once. */
export const updateDueTimer = (incidentId: string, anchorMs: number, n: number, severity: string, at: Date): NewOutboxMessage =>
  outboxMessage('reminder.update_due', { incidentId, anchorMs, n, severity }, `${incidentId}:${anchorMs}:${n}`, at);
