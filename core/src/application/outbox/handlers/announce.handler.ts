import { inject, injectable } from 'inversify';
import { durationsOf, formatDuration } from '../../../domain/durations';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../settings';
import { TOKENS } from '../../tokens';
import { noticeView } from '../../views/notice.view';
import type { RichText } from '../../views/view';
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
    const rooms = s.links.rooms.map((r) => r.name ?? r.conversationId).join(', ');
    const text: RichText = p.what === 'declared'
      ? ['🚨 ', { bold: `${incident.reference} · ${s.severity}` }, ` ${s.title}`, ...(rooms ? [` — join ${rooms}`] : [])]
      : ['✅ ', { bold: `${incident.reference} resolved` }, ` ${s.title} — after ${formatDuration(durationsOf(s.milestones).timeToResolve)}`];
    for (const channel of this.settings.announcementChannels) {
      const gateway = this.gateways.get(channel.platform);
      if (!gateway) continue;
      const key = `announce:${incident.id}:${p.what}:${channel.conversationId}:${s.milestones.resolved?.getTime() ?? 0}`;
      await effectStep(this.repos.outbox, key, async (uncertainSince) => ({ ...await gateway.post(channel, noticeView(text), { idempotencyKey: key, uncertainSince }) }));
    }
  }
}
