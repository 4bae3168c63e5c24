import { inject, injectable } from 'inversify';
import { Incident, type IncidentState } from '../../domain/incident';
import type { PublishedTarget, StatusUpdate } from '../../domain/status-update';
import type { ChatGatewayRegistry } from '../ports/chat-gateway.port';
import type { UpdatePublisher } from '../ports/publisher.port';
import type { Repositories } from '../ports/unit-of-work.port';
import type { MusterSettings } from '../container/settings';
import { effectStep } from './effect-step';
import { TOKENS } from '../container/tokens';
import { publishedUpdateView } from '../views/status-update.view';

/**
 * Publishes approved updates to the configured stakeholder channels of their audience, and to the
 * incident's own rooms so responders see exactly what went out. Status pages join through plugins.
 */
@injectable()
export class ChatUpdatePublisher implements UpdatePublisher {
  constructor(
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
  ) {}

  async publish(update: StatusUpdate, state: IncidentState): Promise<PublishedTarget[]> {
    const incident = Incident.restore(state);
    const view = publishedUpdateView(update, incident, this.settings);
    const targets: PublishedTarget[] = [];
    const rooms = new Set(state.links.rooms.map((r) => `${r.platform}:${r.conversationId}`));
    const channels = [...this.settings.stakeholderChannels[update.audience], ...state.links.rooms];
    for (const channel of channels) {
      const gateway = this.gateways.get(channel.platform);
      if (!gateway) continue;
      const key = `published:${update.id}:${channel.platform}:${channel.conversationId}`;
      await effectStep(this.repos.outbox, key, async (uncertainSince) => ({ ...await gateway.post(channel, view, { idempotencyKey: key, uncertainSince }) }));
      // The incident's own rooms are named as such, so the record tells stakeholder channels from the room.
      const isRoom = rooms.has(`${channel.platform}:${channel.conversationId}`);
      targets.push({ kind: isRoom ? `${channel.platform}-incident-room` : `${channel.platform}-channel`, name: (channel as { name?: string }).name ?? channel.conversationId });
    }
    return targets;
  }
}
