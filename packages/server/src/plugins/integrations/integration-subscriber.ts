import {
  pageTargets, type ActionItemEvent, type ActionItemSubscriber, type ChangeOrigin, type Incident, type IncidentEvent, type IncidentEventSubscriber,
  type NewOutboxMessage, type SeverityCatalog, type StatusUpdateEvent, type StatusUpdateSubscriber,
} from '@muster/core';
import { eventDetailOf, eventKeyOf, pluginEventsOf, updateKeyOf } from '../events/plugin-event-names';
import type { PluginHost } from '../runtime/plugin-host';
import { callMessage, INTEGRATION_OPS, type IntegrationCall, type IntegrationOp } from './integration-call';
import { providersOf } from './integration-providers';

type CallSpec = Omit<IntegrationCall, 'pluginId' | 'installationId' | 'incidentId' | 'callKey' | 'op'>;

/**
 * Turns incident changes into capability calls: one `integration.call` outbox message per installation
 * of the incident's tenant that provides the capability, enqueued in the transaction of the change. Pure:
 * it reads the incident as changed and the host's list of running installations, nothing else.
 *
 * Keys: a create is keyed by its subject alone (`<incident>:page:checkout`), so a redelivered change, or a
 * later change naming the same service again, enqueues it once; a sync or notification by the event.
 */
export class IntegrationSubscriber implements IncidentEventSubscriber, StatusUpdateSubscriber, ActionItemSubscriber {
  readonly name = 'integrations';
  constructor(private readonly host: Pick<PluginHost, 'active'>, private readonly severities: SeverityCatalog) {}

  effectsOf(event: IncidentEvent, incident: Incident, _origin: ChangeOrigin, now: Date): readonly NewOutboxMessage[] {
    const calls = new Calls(this.host, incident, now);
    const eventKey = eventKeyOf(event, incident.id, incident.version);
    const level = this.severities.find(incident.severity);
    switch (event.type) {
      case 'declared':
        if (level) this.pages(calls, pageTargets(level, incident.snapshot().services));
        calls.each('open_ticket', 'incident', {});
        if (level?.conference) calls.each('start_conference', 'incident', {});
        for (const service of incident.snapshot().services) calls.each('post_runbook', service, { service });
        break;
      case 'details_changed':
        // Every service named now: those already paged or posted carry the same keys, so only the new ones are enqueued.
        if (!event.services || isOver(incident)) break;
        if (level) this.pages(calls, pageTargets(level, incident.snapshot().services));
        for (const service of incident.snapshot().services) calls.each('post_runbook', service, { service });
        break;
      case 'room_linked': {
        // A room opened after the declaration's calls ran: the same calls again (their remote steps are
        // shared), so the paged people are invited, the runbook posted and the bridge bookmarked there.
        const again = `room:${event.room.platform}:${event.room.conversationId}`;
        if (level) this.pages(calls, pageTargets(level, incident.snapshot().services), again);
        if (level?.conference) calls.each('start_conference', 'incident', {}, undefined, again);
        for (const service of incident.snapshot().services) calls.each('post_runbook', service, { service }, undefined, again);
        break;
      }
      case 'status_changed':
        calls.each('sync_ticket', eventKey, {});
        if (event.to === 'resolved') {
          calls.each('resolve_pages', eventKey, {});
          calls.each('end_conference', eventKey, {});
          calls.each('resolve_status_page', eventKey, {});
        }
        break;
      case 'severity_changed':
        calls.each('sync_ticket', eventKey, {});
        break;
      default:
        break;
    }
    for (const type of pluginEventsOf(event)) {
      calls.each('notify', `${eventKey}:${type}`, { event: { type, id: `${eventKey}:${type}`, occurredAt: event.at.toISOString(), detail: eventDetailOf(event) } });
    }
    return calls.messages;
  }

  /** Only ever called for an approved, published update; the handler checks again against the stored one. */
  effectsOfUpdate(event: StatusUpdateEvent, incident: Incident, now: Date): readonly NewOutboxMessage[] {
    const calls = new Calls(this.host, incident, now);
    const { update } = event;
    // A public page never hears of a private incident, approved update or not.
    if (update.audience === 'external' && !incident.isPrivate) calls.each('publish_status_page', update.id, { updateId: update.id });
    const key = updateKeyOf(update.id);
    calls.each('notify', key, { updateId: update.id, event: { type: 'update.published', id: key, occurredAt: event.at.toISOString(), detail: { updateId: update.id, audience: update.audience } } });
    return calls.messages;
  }

  effectsOfActionItem(event: ActionItemEvent, incident: Incident, now: Date): readonly NewOutboxMessage[] {
    const calls = new Calls(this.host, incident, now);
    const { item } = event;
    if (event.type === 'action_item_added') calls.each('open_item_ticket', item.id, { itemId: item.id });
    // A change that came from a tracker is not sent back to that tracker.
    else calls.each('sync_item_ticket', `${item.id}:${event.at.getTime()}:${item.state}`, { itemId: item.id }, (pluginId) => pluginId !== event.source);
    return calls.messages;
  }

  /**
   * Urgency high for the most severe level only: the levels below page during working hours' urgency.
   * An incident a paging service declared (its alert came in from PagerDuty) is not paged back through
   * that service: its on-call was paged there already, and a second page would be a second incident.
   */
  private pages(calls: Calls, targets: readonly string[], again?: string): void {
    const urgency = this.severities.levels[0]?.id === calls.incident.severity ? 'high' : 'low';
    const source = calls.incident.snapshot().source;
    for (const name of targets) calls.each('page', name, { target: { kind: 'service', name }, urgency }, (pluginId) => pluginId !== source, again);
  }
}

const isOver = (incident: Incident): boolean => !incident.isOpen;

/** Collects the messages of one change, one per providing installation. */
class Calls {
  readonly messages: NewOutboxMessage[] = [];
  constructor(private readonly host: Pick<PluginHost, 'active'>, readonly incident: Incident, private readonly now: Date) {}

  each(op: IntegrationOp, subject: string, spec: CallSpec, accept: (pluginId: string) => boolean = () => true, again?: string): void {
    for (const installation of providersOf(this.host, this.incident.tenantId, INTEGRATION_OPS[op])) {
      if (!accept(installation.spec.definition.id)) continue;
      this.messages.push(callMessage(installation, this.incident.id, op, `muster:${this.incident.id}:${op}:${subject}`, spec, this.now, again));
    }
  }
}
