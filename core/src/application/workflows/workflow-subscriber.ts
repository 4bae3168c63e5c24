import { inject, injectable } from 'inversify';
import type { IncidentEvent, StatusUpdateEvent } from '../../domain/events';
import type { Incident } from '../../domain/incident';
import { delayOf, listensFor, type WorkflowEvent, type WorkflowRule } from '../../domain/workflow';
import type { IncidentEventSubscriber, StatusUpdateSubscriber } from '../extensions/extension-points';
import type { ChangeOrigin } from '../incidents/incident-recorder';
import type { NewOutboxMessage } from '../ports/outbox.port';
import { outboxMessage } from '../outbox/topics';
import { shortHash } from '../../support/short-hash';
import { failedConditions, type TriggerFacts } from './workflow-conditions';
import { WorkflowRules, workflowSource } from './workflow-rules';

/**
 * The workflow engine's ear: inside the transaction that records a change, it matches the configured
 * rules and enqueues one `workflow.run` per (rule, incident, triggering event, delay), due when the
 * delay is over. Nothing runs here (no I/O in the transaction); the run handler checks everything again
 * when the message is due (workflow-run.handler.ts), so a delayed step sees the incident as it is then.
 *
 * A rule does not hear the changes it made itself (an `escalate` on `severity_changed` would climb
 * forever); another rule does.
 */
@injectable()
export class WorkflowSubscriber implements IncidentEventSubscriber, StatusUpdateSubscriber {
  readonly name = 'core.workflows';

  constructor(@inject(WorkflowRules) private readonly rules: WorkflowRules) {}

  effectsOf(event: IncidentEvent, incident: Incident, origin: ChangeOrigin, now: Date): NewOutboxMessage[] {
    if (!isWorkflowEvent(event.type)) return [];
    const detail = event.type === 'role_assigned' ? event.role : event.type === 'status_changed' ? event.to : event.type === 'severity_changed' ? event.to : '';
    return this.matching(event.type, incident, { source: origin.source, platform: origin.platform }, event.at, detail, now);
  }

  effectsOfUpdate(event: StatusUpdateEvent, incident: Incident, now: Date): NewOutboxMessage[] {
    const platform = event.update.decidedBy?.platform ?? 'system';
    return this.matching('update_published', incident, { source: platform, platform }, event.at, event.update.id, now);
  }

  /** An alert attached to an incident (its first firing declared it, or a later one was noted): called by AlertIntake in its transaction. */
  effectsOfAlert(incident: Incident, facts: TriggerFacts, at: Date, deliveryKey: string, now: Date): NewOutboxMessage[] {
    return this.matching('alert_received', incident, facts, at, deliveryKey, now);
  }

  private matching(type: WorkflowEvent, incident: Incident, facts: TriggerFacts, at: Date, detail: string, now: Date): NewOutboxMessage[] {
    const messages: NewOutboxMessage[] = [];
    for (const rule of this.rules.all()) {
      if (listensFor(rule.trigger) !== type || !appliesTo(rule, incident) || facts.source === workflowSource(rule.name)) continue;
      if (failedConditions(rule.conditions, incident, facts, now).length > 0) continue;
      for (const delay of new Set(rule.steps.map((s) => delayOf(rule, s)))) {
        const named = detail.length > 40 ? shortHash(detail) : detail;
        const key = `${rule.name}:${incident.id}:${type}:${at.getTime()}${named ? `:${named}` : ''}:+${delay}`;
        messages.push(outboxMessage('workflow.run', {
          rule: rule.name, incidentId: incident.id, event: type, eventAt: at.toISOString(), delayMinutes: delay,
          source: facts.source, ...(facts.platform && { platform: facts.platform }), ...(facts.labels && { labels: { ...facts.labels } }),
        }, key, new Date(now.getTime() + delay * 60_000)));
      }
    }
    return messages;
  }
}

const EVENTS: ReadonlySet<string> = new Set(['declared', 'severity_changed', 'status_changed', 'role_assigned']);
const isWorkflowEvent = (type: string): type is WorkflowEvent => EVENTS.has(type);

/** Rules are per installation; one that names a tenant applies to that tenant's incidents only. */
export const appliesTo = (rule: WorkflowRule, incident: Incident): boolean => rule.tenant === undefined || rule.tenant === incident.tenantId;
