import { injectable } from 'inversify';
import type { IncidentEvent } from '../../../domain/events';
import type { Incident } from '../../../domain/incident';
import type { IncidentEventSubscriber } from '../../extensions/extension-points';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import { outboxMessage } from '../topics';

/** Declarations and resolutions go to the announcement channels (the handler skips private incidents). */
@injectable()
export class AnnounceSubscriber implements IncidentEventSubscriber {
  readonly name = 'core.announce';

  effectsOf(event: IncidentEvent, incident: Incident, _origin: unknown, now: Date): NewOutboxMessage[] {
    if (event.type === 'declared') return [outboxMessage('incident.announce', { incidentId: incident.id, what: 'declared' }, `${incident.id}:declared`, now)];
    if (event.type === 'status_changed' && event.to === 'resolved') {
      // Keyed by when it was resolved: a reopened incident resolved again is announced again.
      return [outboxMessage('incident.announce', { incidentId: incident.id, what: 'resolved' }, `${incident.id}:resolved:${event.at.getTime()}`, now)];
    }
    return [];
  }
}
