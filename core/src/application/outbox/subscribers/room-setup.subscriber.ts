import { inject, injectable } from 'inversify';
import type { IncidentEvent } from '../../../domain/events';
import type { Incident } from '../../../domain/incident';
import { CHAT_PLATFORMS, type ChatPlatform } from '../../../domain/person';
import type { IncidentEventSubscriber } from '../../extensions/extension-points';
import type { ChangeOrigin } from '../../incidents/incident-recorder';
import type { NewOutboxMessage } from '../../ports/outbox.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { outboxMessage } from '../topics';

/** A declared incident whose severity calls for a room gets one where settings.roomPlacement says. */
@injectable()
export class RoomSetupSubscriber implements IncidentEventSubscriber {
  readonly name = 'core.room-setup';

  constructor(@inject(TOKENS.Settings) private readonly settings: MusterSettings) {}

  effectsOf(event: IncidentEvent, incident: Incident, origin: ChangeOrigin, now: Date): NewOutboxMessage[] {
    if (event.type !== 'declared' || !this.settings.severities.find(incident.severity)?.createsRoom) return [];
    return this.roomPlaces(origin).map(({ platform, workspaceId }) =>
      outboxMessage('room.setup', { incidentId: incident.id, platform, workspaceId, requestedIn: origin.conversation }, `${incident.id}:${platform}:${workspaceId}`, now));
  }

  /** Where the rooms of a new incident open (settings.roomPlacement); API and alert declarations open at home. */
  private roomPlaces(origin: ChangeOrigin): { platform: ChatPlatform; workspaceId: string }[] {
    const { homePlatform, homeWorkspaceId, roomPlacement } = this.settings;
    const home = origin.roomsAt ?? (homePlatform && homeWorkspaceId ? { platform: homePlatform, workspaceId: homeWorkspaceId } : undefined);
    const originPlatform = chatPlatform(origin.platform);
    const declared = originPlatform ? { platform: originPlatform, workspaceId: origin.workspaceId } : undefined;
    if (!declared) return home ? [home] : [];
    if (!home || roomPlacement === 'declared') return [declared];
    if (roomPlacement === 'home') return [home];
    const same = home.platform === declared.platform && home.workspaceId === declared.workspaceId;
    return same ? [declared] : [declared, home];
  }
}

const chatPlatform = (p: string): ChatPlatform | undefined => (CHAT_PLATFORMS as readonly string[]).includes(p) ? (p as ChatPlatform) : undefined;
