import type {
  ChangeOrigin, Incident, IncidentEvent, IncidentEventSubscriber, NewOutboxMessage, StatusUpdateEvent, StatusUpdateSubscriber,
} from '@muster/core';
import type { PluginEventName } from '@muster/plugin-sdk';
import type { PluginHost } from '../runtime/plugin-host';
import { eventDetailOf, eventKeyOf, PLUGIN_EVENT_TOPIC, pluginEventsOf, updateKeyOf } from './plugin-event-names';

export interface PluginEventPayload {
  readonly pluginId: string;
  readonly installationId: string;
  readonly event: string;
  readonly incidentId: string;
  readonly detail: Record<string, unknown>;
}

/**
 * The host's one subscriber to domain events and published status updates: for each installation of
 * the incident's tenant that hears the event, a `plugin.event` outbox message, enqueued in the
 * transaction of the change (so a plugin hears of a change only once it is committed, and at least
 * once). No I/O here: the handler runs later, from the outbox, under the plugin guard.
 */
export class PluginEventSubscriber implements IncidentEventSubscriber, StatusUpdateSubscriber {
  readonly name = 'plugin-host';

  constructor(private readonly host: PluginHost) {}

  effectsOf(event: IncidentEvent, incident: Incident, _origin: ChangeOrigin, now: Date): readonly NewOutboxMessage[] {
    const names = pluginEventsOf(event);
    if (names.length === 0) return [];
    return this.deliveries(incident, names, eventKeyOf(event, incident.id, incident.version), eventDetailOf(event), now);
  }

  /**
   * Core asks only once the update is published, which only an approved one is: plugins never hear of
   * drafts or rejections. The handler reads the body from the stored update, so the outbox holds its id.
   */
  effectsOfUpdate(event: StatusUpdateEvent, incident: Incident, now: Date): readonly NewOutboxMessage[] {
    return this.deliveries(incident, ['update.published'], updateKeyOf(event.update.id), { updateId: event.update.id }, now);
  }

  private deliveries(incident: Incident, names: readonly PluginEventName[], key: string, detail: Record<string, unknown>, now: Date): NewOutboxMessage[] {
    const effects: NewOutboxMessage[] = [];
    for (const installation of this.host.active()) {
      if (installation.spec.tenantId !== incident.tenantId) continue;
      const { definition, installationId } = installation.spec;
      for (const name of names) {
        if (!installation.subscriptions.has(name)) continue;
        const payload: PluginEventPayload = { pluginId: definition.id, installationId, event: name, incidentId: incident.id, detail };
        effects.push({
          topic: PLUGIN_EVENT_TOPIC, payload: payload as unknown as Record<string, unknown>,
          idempotencyKey: `${PLUGIN_EVENT_TOPIC}:${definition.id}:${installationId}:${name}:${key}`, availableAt: now,
        });
      }
    }
    return effects;
  }
}
