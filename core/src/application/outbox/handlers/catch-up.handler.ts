import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { OutboxMessage } from '../../ports/outbox.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import { TOKENS } from '../../container/tokens';
import { summaryView } from '../../views/summary.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { gatewayFor, loadIncident, postAnswer, postEffectKey } from './handler-support';
import { IncidentSummaries } from './incident-summaries';

@injectable()
export class CatchUpHandler implements OutboxHandler<'summary.catch_up'> {
  readonly topic = 'summary.catch_up' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(IncidentSummaries) private readonly summaries: IncidentSummaries,
  ) {}

  async handle(p: TopicPayloads['summary.catch_up'], message: OutboxMessage): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    // Posted already (the answer was stored): do not summarize (and bill) it again.
    if ((await this.repos.outbox.effect(postEffectKey(message.idempotencyKey)))?.result) return;
    const result = await this.summaries.summarize(incident, 'catch_up');
    const gateway = gatewayFor(this.gateways, p.conversation.platform);
    await postAnswer(this.repos.outbox, gateway, p, summaryView(incident, result), message.idempotencyKey);
  }
}
