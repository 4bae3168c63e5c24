import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import type { ConversationRef } from '../../domain/person';
import {
  approveStatusUpdate, draftStatusUpdate, editStatusUpdate, rejectStatusUpdate,
  type Audience, type StatusUpdate, type UpdateAuthor,
} from '../../domain/status-update';
import { timelineEntry } from '../../domain/timeline';
import { Authorizer } from '../authorizer';
import type { RequestContext } from '../context';
import { IncidentLocator } from '../incident-locator';
import { outboxMessage } from '../outbox/topics';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../tokens';

export interface UpdateWithIncident {
  readonly update: StatusUpdate;
  readonly incident: Incident;
}

/**
 * Stakeholder updates: drafted (by a person or the summarizer), approved by a Communications Lead or
 * Incident Commander, then published. Nothing reaches an audience without that approval.
 */
@injectable()
export class StatusUpdates {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(Authorizer) private readonly authorizer: Authorizer,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /** Queues an AI (or extractive) draft; it appears in `conversation` for approval when ready. */
  async requestDraft(ctx: RequestContext, audience: Audience, reference?: string): Promise<Incident> {
    const conversation = requireConversation(ctx, 'draft an update');
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, reference, tx.incidents);
      await tx.outbox.enqueue([outboxMessage('update.draft', { incidentId: incident.id, audience, conversation, requestedBy: ctx.actor }, ctx.idempotencyKey, this.clock.now())]);
      return incident;
    });
  }

  /**
   * Stores a new draft awaiting approval. `requestKey` names its timeline entry, so the drafting job can
   * tell after a crash that this request already produced a draft.
   */
  async createDraft(tx: Repositories, incident: Incident, audience: Audience, body: string, author: UpdateAuthor, requestKey?: string): Promise<StatusUpdate> {
    const now = this.clock.now();
    const update = await tx.statusUpdates.save(draftStatusUpdate({ id: this.ids.newId(), incidentId: incident.id, audience, body, author, at: now }));
    const by = author.kind === 'person' ? (author.person.name ?? author.person.id)
      : `${author.model === 'extractive' ? 'Muster from the timeline (no AI)' : `AI (${author.model})`}, asked by ${author.requestedBy.name ?? author.requestedBy.id}`;
    await tx.timeline.append(timelineEntry({
      id: this.ids.newId(), incidentId: incident.id, kind: 'ai_draft', occurredAt: now, recordedAt: now,
      actor: author.kind === 'person' ? author.person : undefined, source: author.kind === 'ai' ? 'ai' : 'system',
      text: `${audience === 'external' ? 'External' : 'Internal'} update drafted by ${by}; awaiting approval.`,
      data: { updateId: update.id, audience }, idempotencyKey: requestKey ?? `update:${update.id}:drafted`,
    }));
    return update;
  }

  async edit(ctx: RequestContext, updateId: string, body: string): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const { update, incident } = await this.load(tx, updateId);
      const saved = await tx.statusUpdates.save(editStatusUpdate(update, body, ctx.actor, this.clock.now()));
      return { update: saved, incident };
    });
  }

  async approve(ctx: RequestContext, updateId: string): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const { update, incident } = await this.load(tx, updateId);
      this.authorizer.assert(incident, ctx.actor, 'update.approve', 'approve stakeholder updates');
      const now = this.clock.now();
      const saved = await tx.statusUpdates.save(approveStatusUpdate(update, ctx.actor, now));
      await tx.outbox.enqueue([outboxMessage('update.publish', { updateId: saved.id }, saved.id, now)]);
      return { update: saved, incident };
    });
  }

  async reject(ctx: RequestContext, updateId: string, reason?: string): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const { update, incident } = await this.load(tx, updateId);
      this.authorizer.assert(incident, ctx.actor, 'update.approve', 'reject stakeholder updates');
      const now = this.clock.now();
      const saved = await tx.statusUpdates.save(rejectStatusUpdate(update, ctx.actor, now, reason));
      await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'command', occurredAt: now, recordedAt: now, actor: ctx.actor,
        source: ctx.platform, text: `${update.audience === 'external' ? 'External' : 'Internal'} update draft rejected${reason ? `: ${reason}` : ''}.`,
        data: { updateId }, idempotencyKey: `update:${update.id}:rejected`,
      }));
      return { update: saved, incident };
    });
  }

  async find(updateId: string): Promise<UpdateWithIncident> {
    return this.uow.run((tx) => this.load(tx, updateId));
  }

  private async load(tx: Repositories, updateId: string): Promise<UpdateWithIncident> {
    const update = await tx.statusUpdates.findById(updateId);
    const incident = update && (await tx.incidents.findById(update.incidentId));
    if (!update || !incident) throw new MusterError('not_found', 'That update no longer exists. Ask for a new draft with `/incident update`.');
    return { update, incident };
  }
}

export function requireConversation(ctx: RequestContext, doing: string): ConversationRef {
  if (!ctx.conversation) throw new MusterError('invalid_argument', `I can only ${doing} from a chat channel, where I can post it.`);
  return ctx.conversation;
}
