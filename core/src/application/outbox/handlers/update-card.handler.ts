import { inject, injectable } from 'inversify';
import type { MessageRef } from '../../../domain/person';
import type { MusterSettings } from '../../container/settings';
import { TOKENS } from '../../container/tokens';
import type { ChatGatewayRegistry } from '../../ports/chat-gateway.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import { statusUpdateView } from '../../views/status-update.view';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { loadIncident, postEffectKey } from './handler-support';
import { draftCardKey } from './update-draft.handler';

const MARKER_PREFIX = 'draft-request:';

/**
 * Redraws a draft's approval card in the room where it was put up, as the update is now (edited,
 * approved, rejected), so the room does not keep offering buttons for a decision already made on the
 * dashboard. The card is the one the drafting job posted and recorded (its timeline marker names the
 * request, the request names the post); a draft shown privately, or whose post is not recorded, has no
 * card to redraw and nothing happens. Redrawing twice shows the same thing twice: retries are harmless.
 */
@injectable()
export class UpdateCardHandler implements OutboxHandler<'update.card'> {
  readonly topic = 'update.card' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.ChatGatewayRegistry) private readonly gateways: ChatGatewayRegistry,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
  ) {}

  async handle(p: TopicPayloads['update.card']): Promise<void> {
    const update = await this.repos.statusUpdates.findById(p.updateId);
    if (!update) return;
    const incident = await loadIncident(this.repos, update.incidentId);
    const drafted = (await this.repos.timeline.list(incident.id, { kinds: ['ai_draft'] }))
      .find((e) => e.data.updateId === update.id && e.idempotencyKey?.startsWith(MARKER_PREFIX));
    if (!drafted?.idempotencyKey) return;
    const posted = await this.repos.outbox.effect(postEffectKey(draftCardKey(drafted.idempotencyKey.slice(MARKER_PREFIX.length))));
    const card = posted?.result as Partial<MessageRef> | undefined;
    if (!card?.conversation || !card.messageId) return;
    const gateway = this.gateways.get(card.conversation.platform);
    if (!gateway) return;
    await gateway.update({ conversation: card.conversation, messageId: card.messageId }, statusUpdateView(update, incident, this.settings));
  }
}
