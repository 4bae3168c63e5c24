import { injectable } from 'inversify';
import type { IncidentEvent } from '../../../domain/events';
import type { Incident } from '../../../domain/incident';
import type { IncidentEventSubscriber } from '../../extensions/extension-points';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import { outboxMessage } from '../topics';

/** Someone given a role after the room opened must be brought into it (room set-up invites the earlier ones). */
@injectable()
export class RoomInviteSubscriber implements IncidentEventSubscriber {
  readonly name = 'core.room-invite';

  effectsOf(event: IncidentEvent, incident: Incident, _origin: unknown, now: Date): NewOutboxMessage[] {
    if (event.type !== 'role_assigned' || incident.snapshot().links.rooms.length === 0) return [];
    return [outboxMessage('room.invite', { incidentId: incident.id, people: [event.person] }, `${incident.id}:v${incident.version}:${event.role}`, now)];
  }
}
