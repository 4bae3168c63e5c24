import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import type { ConversationRef } from '../../domain/person';
import {
  approveStatusUpdate, draftStatusUpdate, editStatusUpdate, rejectStatusUpdate,
  type Audience, type StatusUpdate, type UpdateAuthor,
} from '../../domain/status-update';
import { timelineEntry } from '../../domain/timeline';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import { IncidentLocator, type IncidentTarget } from '../incidents/incident-locator';
import { answerPlace } from './answer-place';
import { outboxMessage } from '../outbox/topics';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { commandCode } from '../commands/command-usage';

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
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /**
   * Queues an AI (or extractive) draft. It is put up for approval in the incident's room, or, when the
   * incident has no room where the request came from, shown to the requester alone.
   */
  async requestDraft(ctx: RequestContext, audience: Audience, target?: IncidentTarget): Promise<Incident> {
    // A request from outside chat (REST, the dashboard) names its incident; its draft goes up in the incident's room.
    if (!ctx.conversation && target === undefined) requireConversation(ctx, 'draft an update');
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      this.access.assert(ctx, 'incident.contribute', incident);
      const conversation = ctx.conversation ?? incident.snapshot().links.rooms[0];
      if (!conversation) {
        throw new MusterError('invalid_state', `${incident.reference} has no room to put an AI draft up for approval in. Write the update yourself instead.`, { reason: 'no_room' });
      }
      const place = answerPlace(incident, { ...ctx, conversation });
      await tx.outbox.enqueue([outboxMessage('update.draft', { incidentId: incident.id, audience, ...place, requestedBy: ctx.actor }, ctx.idempotencyKey, this.clock.now())]);
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
      data: { updateId: update.id, audience, ...(author.kind === 'ai' && { model: author.model }) }, idempotencyKey: requestKey ?? `update:${update.id}:drafted`,
    }));
    return update;
  }

  /**
   * A draft written by hand (REST, the dashboard), put up for approval like any other. `ctx.idempotencyKey`
   * names its timeline entry, so a retried request finds the draft it made instead of making a second.
   */
  async write(ctx: RequestContext, audience: Audience, body: string, target: IncidentTarget): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      this.access.assert(ctx, 'incident.contribute', incident, 'write stakeholder updates');
      const requestKey = `request:${ctx.idempotencyKey}:update`;
      const earlier = await tx.timeline.findByKey(requestKey);
      const existing = earlier && (await tx.statusUpdates.findById(String(earlier.data.updateId)));
      if (existing) return { update: existing, incident };
      const update = await this.createDraft(tx, incident, audience, body, { kind: 'person', person: ctx.actor }, requestKey);
      return { update, incident };
    });
  }

  /** `seenVersion` is the version the editor was shown: an edit over someone else's newer text is refused. */
  async edit(ctx: RequestContext, updateId: string, body: string, seenVersion?: number): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const { update, incident } = await this.load(tx, ctx, updateId);
      this.access.assertCanEditDraft(ctx, incident, update);
      if (seenVersion !== undefined) assertUnchanged(update, seenVersion, 'edit');
      const saved = await tx.statusUpdates.save(editStatusUpdate(update, body, ctx.actor, this.clock.now()));
      await this.redrawOutsideChat(tx, ctx, saved.id);
      return { update: saved, incident };
    });
  }

  /** Approves the version the approver saw, and only that one: a draft changed meanwhile is refused. */
  async approve(ctx: RequestContext, updateId: string, seenVersion: number | undefined): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const { update, incident } = await this.load(tx, ctx, updateId);
      this.access.assert(ctx, 'update.approve', incident, 'approve stakeholder updates');
      assertUnchanged(update, seenVersion, 'approve');
      const now = this.clock.now();
      const saved = await tx.statusUpdates.save(approveStatusUpdate(update, ctx.actor, now));
      await tx.outbox.enqueue([outboxMessage('update.publish', { updateId: saved.id }, saved.id, now)]);
      await this.redrawOutsideChat(tx, ctx, saved.id);
      return { update: saved, incident };
    });
  }

  async reject(ctx: RequestContext, updateId: string, reason?: string): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const { update, incident } = await this.load(tx, ctx, updateId);
      this.access.assert(ctx, 'update.approve', incident, 'reject stakeholder updates');
      const now = this.clock.now();
      const saved = await tx.statusUpdates.save(rejectStatusUpdate(update, ctx.actor, now, reason));
      await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'command', occurredAt: now, recordedAt: now, actor: ctx.actor,
        source: ctx.platform, text: `${update.audience === 'external' ? 'External' : 'Internal'} update draft rejected${reason ? `: ${reason}` : ''}.`,
        data: { updateId }, idempotencyKey: `update:${update.id}:rejected`,
      }));
      await this.redrawOutsideChat(tx, ctx, saved.id);
      return { update: saved, incident };
    });
  }

  /**
   * In chat the button's reply replaces the draft's card. A decision made outside chat (the dashboard,
   * REST) has no reply to carry, so the card in the room is redrawn through the outbox, in the same
   * transaction as the decision: it cannot be lost between the two.
   */
  private async redrawOutsideChat(tx: Repositories, ctx: RequestContext, updateId: string): Promise<void> {
    if (ctx.conversation) return;
    await tx.outbox.enqueue([outboxMessage('update.card', { updateId }, `${ctx.idempotencyKey}:card`, this.clock.now())]);
  }

  /** A draft to edit: only for those who may change it (the edit form shows its text). */
  async findForEdit(ctx: RequestContext, updateId: string): Promise<UpdateWithIncident> {
    return this.uow.run(async (tx) => {
      const found = await this.load(tx, ctx, updateId);
      this.access.assertCanEditDraft(ctx, found.incident, found.update);
      editStatusUpdate(found.update, found.update.body, ctx.actor, this.clock.now());
      return found;
    });
  }

  /** Updates of an incident the requester may see, newest last. */
  async list(ctx: RequestContext, target?: IncidentTarget): Promise<{ incident: Incident; updates: StatusUpdate[] }> {
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      return { incident, updates: await tx.statusUpdates.listByIncident(incident.id) };
    });
  }

  /** The id in a button or form is looked up, and its incident checked against the requester like any other. */
  private async load(tx: Repositories, ctx: RequestContext, updateId: string): Promise<UpdateWithIncident> {
    const update = updateId ? await tx.statusUpdates.findById(updateId) : undefined;
    const incident = update && (await tx.incidents.findById(update.incidentId));
    if (!update || !incident || !this.access.canSee(ctx, incident)) {
      throw new MusterError('not_found', `That update no longer exists, or you cannot see it. Ask for a new draft with ${commandCode('update')}.`);
    }
    return { update, incident };
  }
}

function assertUnchanged(update: StatusUpdate, seenVersion: number | undefined, doing: 'approve' | 'edit'): void {
  if (seenVersion === update.version) return;
  const by = update.editedBy ? ` by ${update.editedBy.name ?? update.editedBy.id}` : '';
  throw new MusterError('conflict',
    `This draft was changed${by} after you saw it, so it was not ${doing === 'approve' ? 'approved' : 'saved'}. Read the latest version and ${doing} that one.`,
    { seenVersion, version: update.version });
}

export function requireConversation(ctx: RequestContext, doing: string): ConversationRef {
  if (!ctx.conversation) throw new MusterError('invalid_argument', `I can only ${doing} from a chat channel, where I can post it.`);
  return ctx.conversation;
}
