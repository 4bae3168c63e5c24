import { inject, injectable } from 'inversify';
import type { Incident } from '../../../domain/incident';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import { incidentCardView } from '../../views/incident-card.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { drawUntilCurrent, loadIncident } from './handler-support';

/**
 * Redraws the pinned card in every room with the incident as it is now (not as it was when queued).
 * Refreshes of one incident may run side by side (the pump runs due messages concurrently); one that
 * read an older version could then write last. So after drawing, it looks again: if the incident
 * changed meanwhile it draws once more, and the card ends showing the latest version whichever
 * refresh finishes last.
 */
@injectable()
export class CardRefreshHandler implements OutboxHandler<'card.refresh'> {
  readonly topic = 'card.refresh' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
  ) {}

  async handle(p: TopicPayloads['card.refresh']): Promise<void> {
    await drawUntilCurrent(this.repos, await loadIncident(this.repos, p.incidentId), (incident) => this.draw(incident));
  }

  private async draw(incident: Incident): Promise<void> {
    const view = incidentCardView(incident, this.settings);
    for (const room of incident.snapshot().links.rooms) {
      const gateway = this.gateways.get(room.platform);
      if (gateway && room.cardMessageId) await gateway.update({ conversation: room, messageId: room.cardMessageId }, view);
    }
  }
}

