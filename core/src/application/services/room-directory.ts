import { inject, injectable } from 'inversify';
import type { IncidentRoom } from '../../domain/incident';
import type { IncidentStatus } from '../../domain/lifecycle';
import { CHAT_PLATFORMS, type ChatPlatform } from '../../domain/person';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import type { Repositories } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';

export interface IncidentRoomEntry {
  readonly reference: string;
  readonly title: string;
  readonly severity: string;
  readonly status: IncidentStatus;
  readonly private: boolean;
  readonly room: IncidentRoom;
}

/**
 * The incident rooms on the asker's platform and workspace, read from the store: a chat's own memory
 * of its rooms is lost on restart and does not follow severity or status changes.
 */
@injectable()
export class RoomDirectory {
  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  /** Oldest first, as rooms are listed; private incidents only for those who may see them. */
  async list(ctx: RequestContext, limit = 200): Promise<IncidentRoomEntry[]> {
    const incidents = await this.repos.incidents.list({ tenantId: this.access.tenantOf(ctx), limit });
    return incidents.reverse().flatMap((incident) => {
      const platform = (CHAT_PLATFORMS as readonly string[]).includes(ctx.platform) ? (ctx.platform as ChatPlatform) : undefined;
      const room = platform && incident.roomOn(platform, ctx.workspaceId);
      if (!room || !this.access.canSee(ctx, incident)) return [];
      const s = incident.snapshot();
      return [{ reference: incident.reference, title: s.title, severity: s.severity, status: s.status, private: s.private, room }];
    });
  }
}
