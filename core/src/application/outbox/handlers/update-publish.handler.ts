import { inject, injectable } from 'inversify';
import { MusterError } from '../../../errors';
import { markStatusUpdatePublished } from '../../../domain/status-update';
import { timelineEntry } from '../../../domain/timeline';
import { EventSubscribers } from '../../extensions/event-subscribers';
import type { Clock, IdGenerator } from '../../ports/system.port';
import type { MusterSettings } from '../../container/settings';
import type { UpdatePublisher } from '../../ports/publisher.port';
import type { Repositories, UnitOfWork } from '../../ports/unit-of-work.port';
import { TOKENS } from '../../container/tokens';
import type { OutboxHandler } from '../outbox-handler';
import type { TopicPayloads } from '../topics';
import { loadIncident } from './handler-support';

/**
 * Sends an approved update to its audience and records where it went and who approved it; in the
 * same transaction, the subscribers to published updates (plugins among them) have their effects
 * enqueued. Only an update a person approved gets that far (checked again inside the transaction),
 * so a draft, one awaiting approval or a rejected one never reaches a subscriber. A retry after the
 * record committed finds the update published and does nothing: nobody hears of it twice.
 */
@injectable()
export class UpdatePublishHandler implements OutboxHandler<'update.publish'> {
  readonly topic = 'update.publish' as const;

  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.UpdatePublisher) private readonly publisher: UpdatePublisher,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(EventSubscribers) private readonly subscribers: EventSubscribers,
  ) {}

  async handle(p: TopicPayloads['update.publish']): Promise<void> {
    const update = await this.repos.statusUpdates.findById(p.updateId);
    if (!update) throw new MusterError('not_found', `Status update ${p.updateId} no longer exists.`);
    if (update.state === 'published') return;
    if (update.state !== 'approved') throw new MusterError('invalid_state', `Status update ${update.id} is ${update.state}; only approved updates are published.`);
    const incident = await loadIncident(this.repos, update.incidentId);
    const targets = await this.publisher.publish(update, incident.snapshot());
    await this.uow.run(async (tx) => {
      const now = this.clock.now();
      const fresh = await tx.statusUpdates.findById(update.id);
      if (!fresh || fresh.state !== 'approved') return;
      const published = markStatusUpdatePublished(fresh, targets, now);
      await tx.statusUpdates.save(published);
      const approver = fresh.decidedBy ? `, approved by ${fresh.decidedBy.name ?? fresh.decidedBy.id}` : '';
      await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'update_published', occurredAt: now, recordedAt: now, actor: fresh.decidedBy,
        source: 'system', text: `${fresh.audience === 'external' ? 'External' : 'Internal'} update published to ${targets.map((t) => t.name).join(', ') || 'no channel'}${approver}${this.roomOnly(fresh.audience)}: ${fresh.body}`,
        data: { updateId: fresh.id, targets }, idempotencyKey: `update:${fresh.id}:published`, highlighted: true,
      }));
      await tx.outbox.enqueue(this.subscribers.effectsOfUpdate({ type: 'update_published', at: now, update: published }, incident, now));
    });
  }

  /** Said in the record when nobody outside the room received it, so nobody believes stakeholders were told. */
  private roomOnly(audience: 'internal' | 'external'): string {
    return this.settings.stakeholderChannels[audience].length ? '' : ` (no stakeholder channel is configured for ${audience} updates, so only this room got it)`;
  }
}
