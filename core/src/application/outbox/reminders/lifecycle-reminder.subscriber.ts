import { inject, injectable } from 'inversify';
import type { IncidentEvent } from '../../../domain/events';
import type { Incident } from '../../../domain/incident';
import type { IncidentEventSubscriber } from '../../extensions/extension-points';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { outboxMessage } from '../topics';
import { COMMANDER_ROLE } from './reminder-posts';

const DAY_MS = 86_400_000;

/**
 * Two one-off timers set by the lifecycle: "nobody took command" N minutes after a declaration made
 * without a commander (an alert, or `declarerTakesCommand: false`), and the postmortem nudge N days
 * after each resolution. Both handlers check at fire time whether they are still called for.
 */
@injectable()
export class LifecycleReminderSubscriber implements IncidentEventSubscriber {
  readonly name = 'core.reminders.lifecycle';

  constructor(@inject(TOKENS.Settings) private readonly settings: MusterSettings) {}

  effectsOf(event: IncidentEvent, incident: Incident, _origin: unknown, _now: Date): NewOutboxMessage[] {
    const { commanderVacantMinutes, postmortemAfterDays } = this.settings.reminders;
    if (event.type === 'declared' && commanderVacantMinutes > 0 && incident.holdersOf(COMMANDER_ROLE).length === 0) {
      const at = event.at.getTime();
      return [outboxMessage('reminder.commander_vacant', { incidentId: incident.id, declaredMs: at }, `${incident.id}:${at}`, new Date(at + commanderVacantMinutes * 60_000))];
    }
    if (event.type === 'status_changed' && event.to === 'resolved' && postmortemAfterDays > 0) {
      // Keyed by the resolution: resolved again after a reopen, the nudge counts from the new one.
      const at = event.at.getTime();
      return [outboxMessage('reminder.postmortem', { incidentId: incident.id, resolvedMs: at }, `${incident.id}:${at}`, new Date(at + postmortemAfterDays * DAY_MS))];
    }
    return [];
  }
}
