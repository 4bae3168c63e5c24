import {
  completeActionItem, IncidentChanges, MusterError, RecordNotes, timelineEntry, TOKENS,
  type ActionItem, type IdGenerator, type PersonRef, type Repositories, type RequestContext,
} from '@muster/core';
import type { Container } from 'inversify';

/**
 * Completing and reassigning follow-ups from REST. Core has no service for these yet, so they run
 * through core's IncidentChanges: the same incident lookup (and its access checks), idempotency claim,
 * one transaction and version check (a concurrent change is a 409) as every other change. Adding an
 * item is core's RecordNotes.action. Move this into core when chat gets `action done`.
 */
export class ActionItemChanges {
  private readonly changes: IncidentChanges;
  private readonly notes: RecordNotes;
  private readonly ids: IdGenerator;
  private readonly repos: Repositories;

  constructor(container: Container) {
    this.changes = container.get(IncidentChanges);
    this.notes = container.get(RecordNotes);
    this.ids = container.get<IdGenerator>(TOKENS.IdGenerator);
    this.repos = container.get<Repositories>(TOKENS.Repositories);
  }

  async add(ctx: RequestContext, reference: string, text: string, owner?: PersonRef): Promise<ActionItem> {
    const { item } = await this.notes.action(ctx, text, undefined, reference);
    // Core's add takes an owner only as a chat mention; a REST owner is set as a second keyed step.
    return owner ? this.update({ ...ctx, idempotencyKey: `${ctx.idempotencyKey}:owner` }, reference, item.id, { complete: false, owner }) : item;
  }

  async update(ctx: RequestContext, reference: string, itemId: string, patch: { complete: boolean; owner?: PersonRef | null }): Promise<ActionItem> {
    const outcome = await this.changes.apply(ctx, reference, async (incident, tx, now) => {
      const item = await tx.actionItems.findById(itemId);
      if (!item || item.incidentId !== incident.id) throw new MusterError('not_found', `${incident.reference} has no action item ${itemId.slice(0, 64)}.`);
      let next = item;
      const said: string[] = [];
      if (patch.owner !== undefined) {
        if (next.state !== 'open') throw new MusterError('invalid_state', `This action item is already ${next.state}; only open items can be reassigned.`);
        next = { ...next, owner: patch.owner ?? undefined, updatedAt: now };
        said.push(patch.owner ? `owner now ${patch.owner.name ?? patch.owner.id}` : 'owner cleared');
      }
      if (patch.complete) {
        next = completeActionItem(next, now);
        said.push('done');
      }
      await tx.actionItems.save(next);
      await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'action_item', occurredAt: now, recordedAt: now, actor: ctx.actor,
        source: ctx.platform, text: `Follow-up "${next.text}": ${said.join(', ')}.`, data: { actionItemId: next.id }, idempotencyKey: `request:${ctx.idempotencyKey}:item`,
      }));
      return next;
    });
    if (outcome.result) return outcome.result;
    // A redelivered request: the change was made the first time; answer with the item as it is.
    const item = await this.repos.actionItems.findById(itemId);
    if (!item || item.incidentId !== outcome.incident.id) throw new MusterError('not_found', `${outcome.incident.reference} has no action item ${itemId.slice(0, 64)}.`);
    return item;
  }
}
