import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import { Postmortems } from '../../services/postmortems';
import { TOKENS } from '../../container/tokens';
import { noticeView } from '../../views/notice.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { loadIncident, postOnce } from './handler-support';
import { IncidentSummaries } from './incident-summaries';

/** On resolve: draft the narrative sections into the postmortem (never over what a person wrote). */
@injectable()
export class PostmortemDraftHandler implements OutboxHandler<'postmortem.draft'> {
  readonly topic = 'postmortem.draft' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(IncidentSummaries) private readonly summaries: IncidentSummaries,
    @inject(Postmortems) private readonly postmortems: Postmortems,
  ) {}

  async handle(p: TopicPayloads['postmortem.draft'], message: OutboxMessage): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    const result = await this.summaries.summarize(incident, 'postmortem_narrative');
    const origin = result.producedBy === 'extractive' ? 'extractive' : 'ai';
    await this.postmortems.saveNarrativeDraft(incident.id, result.sections ?? { summary: result.text }, origin);
    const how = origin === 'ai' ? `drafted by AI (${result.producedBy})` : 'assembled from the timeline';
    for (const room of incident.snapshot().links.rooms) {
      const gateway = this.gateways.get(room.platform);
      if (!gateway) continue;
      const view = noticeView([
        '📝 The postmortem for ', { bold: incident.reference }, ` is ready, ${how}. `, { command: 'postmortem' },
        ' shows it with an Edit button under each section; a section you save is yours and no later draft replaces it. ',
        { command: 'postmortem start' }, ' moves the incident to its postmortem stage.',
      ], 'normal', gateway.prefix);
      await postOnce(this.repos.outbox, gateway, room, view, `${message.idempotencyKey}:${room.platform}:${room.conversationId}`);
    }
  }
}
