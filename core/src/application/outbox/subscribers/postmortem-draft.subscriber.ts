import { injectable } from 'inversify';
import type { IncidentEvent } from '../../../domain/events';
import type { Incident } from '../../../domain/incident';
import type { IncidentEventSubscriber } from '../../extensions/extension-points';
import type { ChangeOrigin } from '../../incidents/incident-recorder';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import { outboxMessage } from '../topics';

/** A resolved incident gets its postmortem narrative drafted, for people to edit and review. */
@injectable()
export class PostmortemDraftSubscriber implements IncidentEventSubscriber {
  readonly name = 'core.postmortem-draft';

  effectsOf(event: IncidentEvent, incident: Incident, origin: ChangeOrigin, now: Date): NewOutboxMessage[] {
    if (event.type !== 'status_changed' || event.to !== 'resolved') return [];
    return [outboxMessage('postmortem.draft', { incidentId: incident.id, conversation: origin.conversation }, `${incident.id}:${event.at.getTime()}`, now)];
  }
}
