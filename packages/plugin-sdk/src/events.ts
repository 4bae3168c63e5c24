import type { PluginIncident, PluginPerson } from './incident';

/**
 * Domain events a plugin may subscribe to with `ctx.on(name, handler)`. Handlers run after the change
 * is committed, from the outbox (at least once, so they must be idempotent: `deliveryId` is stable
 * across retries), with the plugin's time limit; a handler that throws is retried and recorded on the
 * incident's timeline, and never blocks the incident flow.
 */
export interface PluginEvents {
  'incident.declared': { readonly incident: PluginIncident };
  'incident.status_changed': { readonly incident: PluginIncident; readonly from: string; readonly to: string };
  'incident.severity_changed': { readonly incident: PluginIncident; readonly from: string; readonly to: string };
  'incident.role_assigned': { readonly incident: PluginIncident; readonly role: string; readonly person: PluginPerson };
  'incident.resolved': { readonly incident: PluginIncident };
  /**
   * A stakeholder update went out to its audience. Only published updates are heard, and Muster
   * publishes only what a person with the right role approved: never a draft or a rejected update.
   * `body` is the text as published; `updateId` names it (one publication, one delivery id).
   */
  'update.published': { readonly incident: PluginIncident; readonly audience: 'internal' | 'external'; readonly body: string; readonly updateId: string };
}

export type PluginEventName = keyof PluginEvents;

export const PLUGIN_EVENTS: readonly PluginEventName[] = [
  'incident.declared', 'incident.status_changed', 'incident.severity_changed', 'incident.role_assigned', 'incident.resolved', 'update.published',
];

export interface EventDelivery {
  /** Stable across retries of the same event to the same plugin: use it as an idempotency key remotely. */
  readonly deliveryId: string;
  /** Set when an earlier attempt began and its outcome is unknown: look before doing it again. */
  readonly uncertainSince?: Date;
}

export type PluginEventHandler<E extends PluginEventName> = (event: PluginEvents[E], delivery: EventDelivery) => Promise<void> | void;
