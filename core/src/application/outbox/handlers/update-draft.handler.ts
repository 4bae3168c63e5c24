import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Repositories, UnitOfWork } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { StatusUpdates } from '../../services/status-updates';
import { TOKENS } from '../../container/tokens';
import { statusUpdateView } from '../../views/status-update.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { gatewayFor, loadIncident, postAnswer } from './handler-support';
import { IncidentSummaries } from './incident-summaries';

/** The timeline marker of a drafting request: the draft it produced is found again by it. */
export const draftRequestMarker = (requestKey: string): string => `draft-request:${requestKey}`;
/** The key the draft's card was posted under (postOnce records its message there). */
export const draftCardKey = (requestKey: string): string => `${requestKey}:card`;

/** Drafts a stakeholder update and puts it up for approval in the room it was asked for. */
@injectable()
export class UpdateDraftHandler implements OutboxHandler<'update.draft'> {
  readonly topic = 'update.draft' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(IncidentSummaries) private readonly summaries: IncidentSummaries,
    @inject(StatusUpdates) private readonly updates: StatusUpdates,
  ) {}

  async handle(p: TopicPayloads['update.draft'], message: OutboxMessage): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    // A retry after the draft was stored must not draft (and bill) it again: the timeline marks it.
    const marker = draftRequestMarker(message.idempotencyKey);
    let update = await this.existing(marker);
    if (!update) {
      const result = await this.summaries.summarize(incident, 'status_update', p.audience);
      const author = { kind: 'ai' as const, model: result.producedBy, requestedBy: p.requestedBy };
      update = await this.uow.run((tx) => this.updates.createDraft(tx, incident, p.audience, result.text, author, marker));
    }
    const gateway = gatewayFor(this.gateways, p.conversation.platform);
    await postAnswer(this.repos.outbox, gateway, p, statusUpdateView(update, incident, this.settings), draftCardKey(message.idempotencyKey));
  }

  private async existing(marker: string) {
    const entry = await this.repos.timeline.findByKey(marker);
    return entry ? this.repos.statusUpdates.findById(String(entry.data.updateId)) : undefined;
  }
}
