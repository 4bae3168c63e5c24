import { createHash } from 'node:crypto';
import { MusterError, type Incident, type Logger, type OutboxHandler, type OutboxMessage, type Repositories } from '@muster/core';
import type { EventDelivery, PluginEventName, PluginEvents } from '@muster/plugin-sdk';
import { z } from 'zod';
import type { PluginGuard } from '../guard/plugin-guard';
import type { PluginHost } from '../runtime/plugin-host';
import { PLUGIN_EVENT_TOPIC } from './plugin-event-names';
import { pluginIncidentOf } from './plugin-incident';

const PAYLOAD = z.object({
  pluginId: z.string(), installationId: z.string(), event: z.string(), incidentId: z.string(), detail: z.record(z.string(), z.unknown()),
});

const PERSON = z.object({ platform: z.string(), id: z.string(), name: z.string().optional() });

/**
 * Runs one plugin's handler for one event, from the outbox: the incident as it is now, the delivery
 * id stable across retries, under the plugin guard (its time limit, failure on the timeline once per
 * delivery, health, metrics). A handler that throws or hangs fails the message, which the outbox
 * retries with backoff; nothing else waits for it. An installation removed since is skipped, and so
 * is an `update.published` whose update is not (or not this incident's) published one.
 */
export class PluginEventHandler implements OutboxHandler<typeof PLUGIN_EVENT_TOPIC> {
  readonly topic = PLUGIN_EVENT_TOPIC;
  /** Past the guard's own limit for events, so the guard gives up first and notes why on the timeline. */
  readonly timeoutMs: number;

  constructor(private readonly deps: { readonly host: PluginHost; readonly guard: PluginGuard; readonly repos: Repositories; readonly logger: Logger; readonly eventTimeoutMs: number }) {
    this.timeoutMs = deps.eventTimeoutMs + 5_000;
  }

  async handle(raw: unknown, message: OutboxMessage): Promise<void> {
    const parsed = PAYLOAD.safeParse(raw);
    if (!parsed.success) throw new MusterError('validation_failed', 'A plugin.event message has a payload this version cannot read.');
    const payload = parsed.data;
    const installation = this.deps.host.activeInstallation(payload.pluginId, payload.installationId);
    const handler = installation?.subscriptions.get(payload.event as PluginEventName);
    if (!installation || !handler) {
      this.deps.logger.info('plugin event skipped: the installation is gone or no longer listens', { plugin: payload.pluginId, installation: payload.installationId, event: payload.event });
      return;
    }
    const incident = await this.deps.repos.incidents.findById(payload.incidentId);
    if (!incident || incident.tenantId !== installation.spec.tenantId) return;
    const event = await this.eventFor(payload.event as PluginEventName, incident, payload.detail);
    if (!event) {
      this.deps.logger.warn('plugin event skipped: the status update is not a published one of this incident', { plugin: payload.pluginId, installation: payload.installationId });
      return;
    }
    const effectKey = `plugin.event:${createHash('sha256').update(message.idempotencyKey).digest('base64url')}`;
    const effect = await this.deps.repos.outbox.beginEffect(effectKey);
    if (effect.result) return;
    const delivery: EventDelivery = { deliveryId: message.idempotencyKey, ...(effect.begins > 1 && { uncertainSince: effect.begunAt }) };
    const { definition } = installation.spec;
    const outcome = await this.deps.guard.run(
      {
        pluginId: definition.id, pluginName: definition.name, installationId: payload.installationId, operation: 'event', what: payload.event,
        redactor: installation.redactor, incident: { id: incident.id, deliveryKey: message.idempotencyKey },
      },
      () => handler(event, delivery),
    );
    if (!outcome.ok) throw new Error(`The ${definition.id} plugin's ${payload.event} handler failed: ${outcome.reason}`);
    await this.deps.repos.outbox.completeEffect(effectKey, { done: true });
  }

  /**
   * The event as the plugin hears it. An `update.published` carries the stored update, which is final
   * once published (the text that went out); undefined when it is not this incident's published update,
   * so nothing short of a human-approved, published update ever reaches a plugin.
   */
  private async eventFor(name: PluginEventName, incident: Incident, detail: Record<string, unknown>): Promise<PluginEvents[PluginEventName] | undefined> {
    const plain = pluginIncidentOf(incident);
    if (name !== 'update.published') return eventOf(name, plain, detail);
    const update = typeof detail.updateId === 'string' ? await this.deps.repos.statusUpdates.findById(detail.updateId) : undefined;
    if (update?.state !== 'published' || update.incidentId !== incident.id) return undefined;
    return { incident: plain, audience: update.audience, body: update.body, updateId: update.id };
  }
}

function eventOf(name: PluginEventName, incident: PluginEvents['incident.declared']['incident'], detail: Record<string, unknown>): PluginEvents[PluginEventName] {
  switch (name) {
    case 'incident.status_changed':
    case 'incident.severity_changed':
      return { incident, from: String(detail.from ?? ''), to: String(detail.to ?? '') };
    case 'incident.role_assigned': {
      const person = PERSON.safeParse(detail.person);
      return { incident, role: String(detail.role ?? ''), person: person.success ? person.data : { platform: 'unknown', id: 'unknown' } };
    }
    default:
      return { incident } as PluginEvents[PluginEventName];
  }
}
