import { inject, injectable, multiInject, optional } from 'inversify';
import { MusterError } from '../../errors';
import type { ActionItemEvent, IncidentEvent, StatusUpdateEvent } from '../../domain/events';
import type { Incident } from '../../domain/incident';
import type { ChangeOrigin } from '../incidents/incident-recorder';
import type { NewOutboxMessage } from '../ports/outbox.port';
import type { Logger } from '../ports/system.port';
import { TOKENS } from '../container/tokens';
import type { ActionItemSubscriber, AnySubscriber, EventExtensions, IncidentEventSubscriber, StatusUpdateSubscriber } from './extension-points';

const hearsIncidents = (s: AnySubscriber): s is IncidentEventSubscriber => typeof (s as Partial<IncidentEventSubscriber>).effectsOf === 'function';
const hearsUpdates = (s: AnySubscriber): s is StatusUpdateSubscriber => typeof (s as Partial<StatusUpdateSubscriber>).effectsOfUpdate === 'function';
const hearsActionItems = (s: AnySubscriber): s is ActionItemSubscriber => typeof (s as Partial<ActionItemSubscriber>).effectsOfActionItem === 'function';

/**
 * Everyone who hears domain events: the subscribers bound in the container (core's own first) and the
 * ones added at run time (EventExtensions). The recorder asks them, inside its transaction, what each
 * incident event calls for; the publish handler asks them what a published status update calls for.
 *
 * A subscriber that throws (or answers with something that is not a list of messages) is a bug in
 * that subscriber: it runs in the transaction without I/O, so nothing outside could have made it fail.
 * Its effects for that event are skipped and the failure is logged with its name; the change itself
 * and everyone else's effects are still recorded. Failing the transaction instead would let one
 * broken plugin refuse every declaration and resolution for everybody.
 */
@injectable()
export class EventSubscribers implements EventExtensions {
  private readonly added = new Map<string, AnySubscriber>();

  constructor(
    @multiInject(TOKENS.IncidentEventSubscriber) @optional() private readonly bound: IncidentEventSubscriber[] = [],
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @multiInject(TOKENS.StatusUpdateSubscriber) @optional() private readonly boundToUpdates: StatusUpdateSubscriber[] = [],
    @multiInject(TOKENS.ActionItemSubscriber) @optional() private readonly boundToActionItems: ActionItemSubscriber[] = [],
  ) {}

  add(subscriber: AnySubscriber): void {
    const name = subscriber?.name;
    if (typeof name !== 'string' || !name.trim() || !(hearsIncidents(subscriber) || hearsUpdates(subscriber) || hearsActionItems(subscriber))) {
      throw new MusterError('invalid_argument', 'An event subscriber needs a name and an effectsOf, effectsOfUpdate or effectsOfActionItem function.');
    }
    if ([...this.bound, ...this.boundToUpdates, ...this.boundToActionItems].some((s) => s.name === name) || this.added.has(name)) {
      throw new MusterError('conflict', `An event subscriber named "${name}" is already listening; give this one another name.`, { subscriber: name });
    }
    this.added.set(name, subscriber);
  }

  /** Removes a subscriber added at run time; the ones bound in the container stay. */
  remove(name: string): void {
    this.added.delete(name);
  }

  effectsOf(event: IncidentEvent, incident: Incident, origin: ChangeOrigin, now: Date): NewOutboxMessage[] {
    const subscribers = [...this.bound, ...[...this.added.values()].filter(hearsIncidents)];
    return this.collect(subscribers, (s) => s.effectsOf(event, incident, origin, now), { event: event.type, incidentId: incident.id });
  }

  /** What a published status update calls for (see StatusUpdateSubscriber), enqueued by the caller in its transaction. */
  effectsOfUpdate(event: StatusUpdateEvent, incident: Incident, now: Date): NewOutboxMessage[] {
    const subscribers = [...this.boundToUpdates, ...[...this.added.values()].filter(hearsUpdates)];
    return this.collect(subscribers, (s) => s.effectsOfUpdate(event, incident, now), { event: event.type, incidentId: incident.id, updateId: event.update.id });
  }

  /** What a follow-up's change calls for (see ActionItemSubscriber), enqueued by the caller in its transaction. */
  effectsOfActionItem(event: ActionItemEvent, incident: Incident, now: Date): NewOutboxMessage[] {
    const subscribers = [...this.boundToActionItems, ...[...this.added.values()].filter(hearsActionItems)];
    return this.collect(subscribers, (s) => s.effectsOfActionItem(event, incident, now), { event: event.type, incidentId: incident.id, actionItemId: event.item.id });
  }

  private collect<S extends AnySubscriber>(subscribers: readonly S[], ask: (subscriber: S) => unknown, about: Record<string, string>): NewOutboxMessage[] {
    const effects: NewOutboxMessage[] = [];
    for (const subscriber of subscribers) {
      try {
        const answer = ask(subscriber);
        if (!Array.isArray(answer) || !answer.every(isMessage)) throw new TypeError('it answered with something other than a list of outbox messages');
        effects.push(...answer);
      } catch (error) {
        this.logger.error('An event subscriber failed; its effects for this event were skipped, the change was kept', {
          subscriber: subscriber.name, ...about, error: error instanceof Error ? error.message.slice(0, 500) : String(error),
        });
      }
    }
    return effects;
  }
}

function isMessage(m: unknown): m is NewOutboxMessage {
  if (typeof m !== 'object' || m === null) return false;
  const { topic, payload, idempotencyKey } = m as Record<string, unknown>;
  return typeof topic === 'string' && topic !== '' && typeof idempotencyKey === 'string' && idempotencyKey !== '' && typeof payload === 'object' && payload !== null;
}
