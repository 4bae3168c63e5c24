import { inject, injectable } from 'inversify';
import { applyNarrativeDraft } from '../../../domain/postmortem';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Clock } from '../../ports/system.port';
import type { Repositories, UnitOfWork } from '../../ports/unit-of-work.port';
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
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(IncidentSummaries) private readonly summaries: IncidentSummaries,
    @inject(Postmortems) private readonly postmortems: Postmortems,
  ) {}

  async handle(p: TopicPayloads['postmortem.draft'], message: OutboxMessage): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    const result = await this.summaries.summarize(incident, 'postmortem_narrative');
    const origin = result.producedBy === 'extractive' ? 'extractive' : 'ai';
    await this.uow.run(async (tx) => {
      const postmortem = await this.postmortems.ensure(tx, incident.id);
      await tx.postmortems.save(applyNarrativeDraft(postmortem, result.sections ?? { summary: result.text }, origin, this.clock.now()));
    });
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
