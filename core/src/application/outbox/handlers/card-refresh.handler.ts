import { inject, injectable } from 'inversify';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../settings';
import { TOKENS } from '../../tokens';
import { incidentCardView } from '../../views/incident-card.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { loadIncident } from './handler-support';

/** Redraws the pinned card in every room with the incident as it is now (not as it was when queued). */
@injectable()
export class CardRefreshHandler implements OutboxHandler<'card.refresh'> {
  readonly topic = 'card.refresh' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
  ) {}

  async handle(p: TopicPayloads['card.refresh']): Promise<void> {
    const incident = await loadIncident(this.repos, p.incidentId);
    const view = incidentCardView(incident, this.settings);
    for (const room of incident.snapshot().links.rooms) {
      const gateway = this.gateways.get(room.platform);
      if (gateway && room.cardMessageId) await gateway.update({ conversation: room, messageId: room.cardMessageId }, view);
    }
  }
}
