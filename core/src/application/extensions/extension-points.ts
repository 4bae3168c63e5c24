import type { ActionItemEvent, IncidentEvent, StatusUpdateEvent } from '../../domain/events';
import type { Incident } from '../../domain/incident';
import type { CommandReply } from '../commands/command-reply';
import type { RequestContext } from '../incidents/request-context';
import type { ChangeOrigin } from '../incidents/incident-recorder';
import type { NewOutboxMessage } from '../ports/outbox.port';

/**
 * The registries a plugin host (or any module) extends at run time, beside the contributions bound in
 * the container (TOKENS.CommandContribution, TOKENS.IncidentEventSubscriber, TOKENS.StatusUpdateSubscriber,
 * TOKENS.OutboxHandler).
 * Core implements them; the server's plugin host registers each plugin's commands and subscriptions.
 */

/** A command added at run time: a plugin's `registerCommand`. */
export interface RuntimeCommand {
  /** One lower-case word; may not shadow a built-in command or another extension's. */
  readonly name: string;
  /** The usage line without the prefix: `page <service|@person>`. */
  readonly syntax: string;
  readonly summary: string;
  readonly examples: readonly string[];
  /** Whether it acts on an incident: then core locates it (reference or room), checks `incident.view`, and passes it. */
  readonly takesIncident: boolean;
  /** `args`: what follows the command word, trimmed. Errors become friendly replies like any command's. */
  run(ctx: RequestContext, args: string, incident: Incident | undefined): Promise<CommandReply>;
}

/** Implemented by CommandRegistry (commands/command-registry.ts). */
export interface CommandExtensions {
  /** Adds the owner's command; throws MusterError `conflict` when the name is taken, `invalid_argument` when it is malformed. */
  register(owner: string, command: RuntimeCommand): void;
  /** Removes every command the owner registered (a plugin uninstalled or deactivated). */
  unregisterAll(owner: string): void;
}

/**
 * Hears domain events inside the transaction that records them and answers with the side effects
 * they call for, which are enqueued in that same transaction (nothing lost, nothing done before the
 * commit). Must be fast and must not do I/O: the work itself runs later, from the outbox. One that
 * throws is a bug: it is logged and its effects for that event skipped, the change is kept
 * (extensions/event-subscribers.ts).
 */
export interface IncidentEventSubscriber {
  readonly name: string;
  effectsOf(event: IncidentEvent, incident: Incident, origin: ChangeOrigin, now: Date): readonly NewOutboxMessage[];
}

/**
 * Hears that a stakeholder status update was published, inside the transaction that records the
 * publication (outbox/handlers/update-publish.handler.ts), under the same rules as an
 * IncidentEventSubscriber: fast, no I/O, its effects enqueued with the record, one that throws logged
 * and skipped. Only published updates are heard, and an update is only published after a person
 * with the right role approved it: a draft or a rejected update never reaches a subscriber.
 *
 * Its own interface (and method name), because a status update is not an incident event: existing
 * incident subscribers stay as they are, and one object may implement both.
 */
export interface StatusUpdateSubscriber {
  readonly name: string;
  effectsOfUpdate(event: StatusUpdateEvent, incident: Incident, now: Date): readonly NewOutboxMessage[];
}

/**
 * Hears that a follow-up was added or changed, inside the transaction of the change, under the same
 * rules as an IncidentEventSubscriber (fast, no I/O, one that throws is logged and skipped): a
 * ticketing integration opens or syncs the item's ticket from here.
 */
export interface ActionItemSubscriber {
  readonly name: string;
  effectsOfActionItem(event: ActionItemEvent, incident: Incident, now: Date): readonly NewOutboxMessage[];
}

/** Any subscriber: one object may implement several of the interfaces. */
export type AnySubscriber = IncidentEventSubscriber | StatusUpdateSubscriber | ActionItemSubscriber;

/** Implemented by EventSubscribers (extensions/event-subscribers.ts). */
export interface EventExtensions {
  /**
   * Adds a subscriber to incident events, to status-update events, or to both (by the methods it
   * has). Throws MusterError `conflict` when a subscriber of that name already listens.
   */
  add(subscriber: AnySubscriber): void;
  remove(name: string): void;
}
