import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import { completeActionItem, newActionItem, reassignActionItem, reopenActionItem, rescheduleActionItem, type ActionItem } from '../../domain/action-item';
import type { Incident } from '../../domain/incident';
import { displayName } from '../../domain/incident';
import type { PersonRef } from '../../domain/person';
import { timelineEntry } from '../../domain/timeline';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import { IncidentChanges } from '../incidents/incident-changes';
import { IncidentLocator, type IncidentTarget } from '../incidents/incident-locator';
import type { IdGenerator } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { commandCode } from '../commands/command-usage';
import { EventSubscribers } from '../extensions/event-subscribers';
import type { Clock } from '../ports/system.port';

/** An item as people name it: its number in the incident's list (1 = oldest), or its id (buttons, REST). */
export type ActionItemRef = number | { readonly id: string };

/** `owner: null` clears the owner, `dueAt: null` the due date; absent leaves them. */
export interface ActionItemPatch {
  readonly state?: 'done' | 'open';
  readonly owner?: PersonRef | null;
  readonly dueAt?: Date | null;
}

export interface ActionItemOutcome {
  readonly incident: Incident;
  readonly item: ActionItem;
  /** Its number in the incident's list, as `actions` shows it. */
  readonly number: number;
  readonly replayed: boolean;
}

/**
 * Follow-ups of an incident: listing, adding with an owner, completing, reopening, reassigning. Every
 * change goes through IncidentChanges (access, idempotency claim, one transaction), and lands on the
 * timeline. Anyone who may see the incident may do this: follow-ups are everyone's business.
 */
@injectable()
export class ActionItems {
  constructor(
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(EventSubscribers) private readonly subscribers: EventSubscribers,
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext, target?: IncidentTarget): Promise<{ incident: Incident; items: ActionItem[] }> {
    const incident = await this.locator.locate(ctx, target);
    return { incident, items: await this.repos.actionItems.listByIncident(incident.id) };
  }

  /** The incident a button's item id belongs to, checked against the requester like any other id. */
  async incidentOfItem(ctx: RequestContext, itemId: string): Promise<{ id: string }> {
    const item = itemId ? await this.repos.actionItems.findById(itemId) : undefined;
    if (!item) throw new MusterError('not_found', 'That follow-up no longer exists, or you cannot see it.');
    const incident = await this.locator.byId(ctx, item.incidentId);
    return { id: incident.id };
  }

  async add(ctx: RequestContext, text: string, owner: PersonRef | undefined, target?: IncidentTarget, dueAt?: Date): Promise<ActionItemOutcome> {
    const key = `request:${ctx.idempotencyKey}:item`;
    const outcome = await this.changes.apply(ctx, target, async (incident, tx, now) => {
      this.access.assert(ctx, 'incident.contribute', incident);
      const item = newActionItem({ id: this.ids.newId(), incidentId: incident.id, text, owner, createdBy: ctx.actor, at: now, dueAt });
      await tx.actionItems.save(item);
      await this.record(tx, incident, ctx, now, key, item, `Follow-up: ${item.text}${owner ? ` (owner: ${displayName(owner)})` : ''}`);
      await tx.outbox.enqueue(this.subscribers.effectsOfActionItem({ type: 'action_item_added', at: now, item, by: ctx.actor, source: ctx.platform }, incident, now));
      return item;
    });
    // A redelivery: the item was saved the first time; answer with that one.
    const item = outcome.result ?? (await this.earlier(key));
    if (!item) throw new MusterError('conflict', `That request was handled before but its follow-up is gone; list them with ${commandCode('actions')}.`);
    return this.numbered(outcome.incident, item, outcome.replayed);
  }

  async change(ctx: RequestContext, target: IncidentTarget, ref: ActionItemRef, patch: ActionItemPatch): Promise<ActionItemOutcome> {
    if (patch.state === undefined && patch.owner === undefined && patch.dueAt === undefined) {
      throw new MusterError('missing_argument', 'Say what to change: mark it done, reopen it, give it an owner or a due date.');
    }
    let itemId = typeof ref === 'object' ? ref.id : undefined;
    const outcome = await this.changes.apply(ctx, target, async (incident, tx, now) => {
      this.access.assert(ctx, 'incident.contribute', incident);
      const item = await this.find(tx, incident, ref);
      itemId = item.id;
      let next = item;
      const said: string[] = [];
      if (patch.owner !== undefined) {
        next = reassignActionItem(next, patch.owner ?? undefined, now);
        said.push(patch.owner ? `owner now ${displayName(patch.owner)}` : 'owner cleared');
      }
      if (patch.dueAt !== undefined) {
        next = rescheduleActionItem(next, patch.dueAt ?? undefined, now);
        said.push(patch.dueAt ? `due ${patch.dueAt.toISOString()}` : 'due date cleared');
      }
      if (patch.state === 'done') { next = completeActionItem(next, now); said.push('done'); }
      if (patch.state === 'open') { next = reopenActionItem(next, now); said.push('reopened'); }
      await tx.actionItems.save(next);
      await this.record(tx, incident, ctx, now, `request:${ctx.idempotencyKey}:item`, next, `Follow-up "${next.text}": ${said.join(', ')}.`);
      await tx.outbox.enqueue(this.subscribers.effectsOfActionItem({ type: 'action_item_changed', at: now, item: next, by: ctx.actor, source: ctx.platform }, incident, now));
      return next;
    });
    if (outcome.result) return this.numbered(outcome.incident, outcome.result, false);
    // A redelivered request: the change was made the first time; answer with the item as it is now.
    const earlier = itemId ? await this.repos.actionItems.findById(itemId) : await this.earlier(`request:${ctx.idempotencyKey}:item`);
    if (!earlier || earlier.incidentId !== outcome.incident.id) throw missing(outcome.incident, ref);
    return this.numbered(outcome.incident, earlier, true);
  }

  /**
   * A follow-up's ticket was done (or reopened) in the tracker: the item follows, on the timeline with
   * the integration as its source. Idempotent: an item already in that state is left alone (a webhook
   * redelivered, or the change came from Muster in the first place). Not for people: no access check,
   * the caller (the plugin host) has verified the webhook and that the item is of the plugin's tenant.
   */
  async settleFromTracker(itemId: string, state: 'done' | 'open', by: { readonly source: string; readonly actor: PersonRef; readonly ticket: string }): Promise<ActionItem | undefined> {
    return this.uow.run(async (tx) => {
      const item = await tx.actionItems.findById(itemId);
      if (!item || item.state === state || item.state === 'cancelled') return undefined;
      const incident = await tx.incidents.findById(item.incidentId);
      if (!incident) return undefined;
      const now = this.clock.now();
      const next = state === 'done' ? completeActionItem(item, now) : reopenActionItem(item, now);
      await tx.actionItems.save(next);
      await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'action_item', occurredAt: now, recordedAt: now, actor: by.actor, source: by.source,
        text: `Follow-up "${next.text}": ${state === 'done' ? 'done' : 'reopened'} in ${by.ticket}.`, data: { actionItemId: next.id, ticket: by.ticket },
        idempotencyKey: `tracker:${by.source}:${next.id}:${state}:${now.getTime()}`,
      }));
      await tx.outbox.enqueue(this.subscribers.effectsOfActionItem({ type: 'action_item_changed', at: now, item: next, by: by.actor, source: by.source }, incident, now));
      return next;
    });
  }

  private async find(tx: Repositories, incident: Incident, ref: ActionItemRef): Promise<ActionItem> {
    if (typeof ref === 'object') {
      const item = await tx.actionItems.findById(ref.id);
      if (!item || item.incidentId !== incident.id) throw missing(incident, ref);
      return item;
    }
    const items = await tx.actionItems.listByIncident(incident.id);
    const item = items[ref - 1];
    if (!item) {
      const has = items.length ? `its follow-ups are numbered 1 to ${items.length}` : 'it has no follow-ups yet';
      throw new MusterError('not_found', `${incident.reference} has no follow-up ${ref}: ${has}. ${commandCode('actions')} lists them.`);
    }
    return item;
  }

  private async record(tx: Repositories, incident: Incident, ctx: RequestContext, now: Date, key: string, item: ActionItem, text: string): Promise<void> {
    await tx.timeline.append(timelineEntry({
      id: this.ids.newId(), incidentId: incident.id, kind: 'action_item', occurredAt: now, recordedAt: now, actor: ctx.actor,
      source: ctx.platform, text, data: { actionItemId: item.id }, idempotencyKey: key,
    }));
  }

  private async earlier(key: string): Promise<ActionItem | undefined> {
    const entry = await this.repos.timeline.findByKey(key);
    return entry ? this.repos.actionItems.findById(String(entry.data.actionItemId)) : undefined;
  }

  private async numbered(incident: Incident, item: ActionItem, replayed: boolean): Promise<ActionItemOutcome> {
    const items = await this.repos.actionItems.listByIncident(incident.id);
    return { incident, item, number: items.findIndex((i) => i.id === item.id) + 1, replayed };
  }
}

const missing = (incident: Incident, ref: ActionItemRef): MusterError =>
  new MusterError('not_found', `${incident.reference} has no follow-up ${typeof ref === 'object' ? ref.id.slice(0, 64) : ref}. ${commandCode('actions')} lists them.`);
