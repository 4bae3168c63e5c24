import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import { dueDateOf, newActionItem, type ActionItem, type DueSpec } from '../../domain/action-item';
import { timelineEntry } from '../../domain/timeline';
import type { RequestContext } from '../incidents/request-context';
import { IncidentLocator, type IncidentTarget } from '../incidents/incident-locator';
import type { Incident } from '../../domain/incident';
import { PeopleResolver } from '../people/people-resolver';
import type { Clock, IdGenerator } from '../ports/system.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { commandCode, usageLine } from '../commands/command-usage';
import { EventSubscribers } from '../extensions/event-subscribers';

export const MAX_NOTE_LENGTH = 4000;

/** Notes and follow-ups: open to every responder, recorded once per request. */
@injectable()
export class RecordNotes {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(PeopleResolver) private readonly people: PeopleResolver,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
    @inject(EventSubscribers) private readonly subscribers: EventSubscribers,
  ) {}

  async note(ctx: RequestContext, text: string, target?: IncidentTarget): Promise<{ reference: string; stored: boolean }> {
    const body = text.trim();
    if (!body) throw new MusterError('missing_argument', `Write the note after the command: ${commandCode('note <text>')}.`, { usage: usageLine('note') });
    if (body.length > MAX_NOTE_LENGTH) throw new MusterError('invalid_argument', `Notes are limited to ${MAX_NOTE_LENGTH} characters; split it in two.`);
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      const now = this.clock.now();
      const stored = await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'note', occurredAt: now, recordedAt: now,
        actor: ctx.actor, source: ctx.platform, text: body, idempotencyKey: `request:${ctx.idempotencyKey}`,
        highlighted: true,
      }));
      return { reference: incident.reference, stored };
    });
  }

  async action(ctx: RequestContext, text: string, ownerHandle?: string, target?: IncidentTarget, due?: DueSpec): Promise<{ incident: Incident; item: ActionItem }> {
    const owner = ownerHandle ? await this.people.resolve(ctx, ownerHandle, 'to own this follow-up') : undefined;
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      const now = this.clock.now();
      const dueAt = due ? dueDateOf(due, now) : undefined;
      const item = newActionItem({ id: this.ids.newId(), incidentId: incident.id, text, owner, createdBy: ctx.actor, at: now, dueAt });
      const stored = await tx.timeline.append(timelineEntry({
        id: this.ids.newId(), incidentId: incident.id, kind: 'action_item', occurredAt: now, recordedAt: now,
        actor: ctx.actor, source: ctx.platform, text: `Follow-up: ${item.text}${owner ? ` (owner: ${owner.name ?? owner.id})` : ''}${dueAt ? ` (due ${dueAt.toISOString()})` : ''}`,
        data: { actionItemId: item.id }, idempotencyKey: `request:${ctx.idempotencyKey}`,
      }));
      if (!stored) {
        // A redelivery: the item was saved the first time; return that one.
        const earlier = await tx.timeline.findByKey(`request:${ctx.idempotencyKey}`);
        const existing = earlier && (await tx.actionItems.findById(String(earlier.data.actionItemId)));
        if (existing) return { incident, item: existing };
      }
      await tx.actionItems.save(item);
      // Heard like ActionItems.add's: a ticketing integration opens the follow-up's ticket from here.
      await tx.outbox.enqueue(this.subscribers.effectsOfActionItem({ type: 'action_item_added', at: now, item, by: ctx.actor, source: ctx.platform }, incident, now));
      return { incident, item };
    });
  }

}
