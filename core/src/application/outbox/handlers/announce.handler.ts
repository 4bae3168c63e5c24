import { inject, injectable } from 'inversify';
import { durationsOf, formatDuration } from '../../../domain/durations';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { noticeView } from '../../views/notice.view';
import type { ChatPlatform, ConversationRef } from '../../../domain/person';
import { PLATFORM_NAMES, roomInline } from '../../views/incident-card.view';
import type { Inline, RichText } from '../../views/view';
import { effectStep } from '../effect-step';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { loadIncident } from './handler-support';

/** Declarations and resolutions in the announcement channels. Private incidents are never announced. */
@injectable()
export class AnnounceHandler implements OutboxHandler<'incident.announce'> {
  readonly topic = 'incident.announce' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
  ) {}

  async handle(p: TopicPayloads['incident.announce']): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    if (incident.isPrivate) return;
    const s = incident.snapshot();
    for (const channel of this.settings.announcementChannels) {
      const gateway = this.gateways.get(channel.platform);
      if (!gateway) continue;
      const text: RichText = p.what === 'declared'
        ? ['🚨 ', { bold: `${incident.reference} · ${s.severity}` }, ` ${s.title}`, ...joinRooms(s.links.rooms, channel.platform)]
        : ['✅ ', { bold: `${incident.reference} resolved` }, ` ${s.title} — after ${formatDuration(durationsOf(s.milestones).timeToResolve)}`];
      const key = `announce:${incident.id}:${p.what}:${channel.platform}:${channel.conversationId}:${s.milestones.resolved?.getTime() ?? 0}`;
      await effectStep(this.repos.outbox, key, async (uncertainSince) => ({ ...await gateway.post(channel, noticeView(text), { idempotencyKey: key, uncertainSince }) }));
    }
  }
}

/** ` — join inc-1-x` with the room on the reader's platform first; rooms elsewhere say where they are. */
function joinRooms(rooms: readonly ConversationRef[], platform: ChatPlatform): Inline[] {
  if (rooms.length === 0) return [];
  const ordered = [...rooms.filter((r) => r.platform === platform), ...rooms.filter((r) => r.platform !== platform)];
  return [' — join ', ...ordered.flatMap((r, i): Inline[] => [...(i ? [', '] : []), roomInline(r), ...(r.platform === platform ? [] : [` (on ${PLATFORM_NAMES[r.platform]})`])])];
}
