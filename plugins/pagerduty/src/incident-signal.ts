import { isoInstant, labelSet, oneLine, paragraphs, safeUrl, stableKey, SUMMARY_MAX, TITLE_MAX, type AlertSignal } from '@muster/plugin-sdk';
import type { PagerDutyConfig } from './config';
import type { PagerDutyEnvelope, PagerDutyIncident } from './pagerduty-event';

/**
 * What each incident event means for Muster. Triggered and reopened declare (or, when the incident is
 * open, are noted on it); a priority change is noted too, so the new priority is on the timeline, and
 * declares when PagerDuty raises an incident Muster does not have yet. Resolved resolves.
 *
 * Every other event is ignored: acknowledge, escalate, reassign, delegate, notes and responder
 * requests are PagerDuty's own workflow, and a "firing" note for each would tell the room the alert
 * fired again when it did not.
 */
export const ACTED_ON: Readonly<Record<string, { readonly status: AlertSignal['status']; readonly verb: string }>> = {
  'incident.triggered': { status: 'firing', verb: 'Triggered' },
  'incident.reopened': { status: 'firing', verb: 'Reopened' },
  'incident.priority_updated': { status: 'firing', verb: 'Priority changed' },
  'incident.resolved': { status: 'resolved', verb: 'Resolved' },
};

export interface SignalContext {
  readonly config: PagerDutyConfig;
  readonly severityOf: (priority: string | undefined, urgency: string | undefined) => string | undefined;
}

export function incidentSignal(envelope: PagerDutyEnvelope, incident: PagerDutyIncident, deliveryId: string, { config, severityOf }: SignalContext): AlertSignal {
  const { event } = envelope;
  const action = ACTED_ON[event.event_type]!;
  const number = incident.number !== undefined ? `#${incident.number}` : incident.id;
  const title = oneLine(incident.title, TITLE_MAX) ?? oneLine(`PagerDuty incident ${number}`, TITLE_MAX)!;
  const url = safeUrl(incident.html_url);
  const priority = oneLine(incident.priority?.summary, 50);
  const urgency = oneLine(incident.urgency, 20);
  const service = oneLine(incident.service?.summary, 200);
  const details = [urgency && `urgency ${urgency}`, priority && `priority ${priority}`].filter(Boolean).join(', ');
  const summary = [
    `${action.verb} in PagerDuty${event.agent?.summary ? ` by ${event.agent.summary}` : ''}`,
    `Incident ${number}${service ? ` on ${service}` : ''}${details ? ` (${details})` : ''}`,
  ];
  const mapped = service && config.useServiceName ? oneLine(config.serviceMap[service] ?? service, 100) : undefined;
  return {
    status: action.status,
    groupKey: stableKey([incident.id]),
    deliveryId,
    title,
    summary: paragraphs(summary.join('\n'), SUMMARY_MAX),
    severity: severityOf(priority, urgency),
    services: mapped ? [mapped] : [],
    url,
    startedAt: isoInstant(incident.created_at) ?? isoInstant(event.occurred_at),
    labels: labelSet([
      ['pagerduty.event', event.event_type], ['pagerduty.incident', incident.id], ['pagerduty.number', incident.number],
      ['pagerduty.status', incident.status], ['pagerduty.urgency', urgency], ['pagerduty.priority', priority],
      ['pagerduty.service', service], ['pagerduty.escalation_policy', incident.escalation_policy?.summary],
      ['pagerduty.teams', incident.teams?.map((team) => team?.summary)], ['pagerduty.incident_key', incident.incident_key],
    ]),
    alerts: [{ id: stableKey([incident.id]), status: action.status, title, url }],
  };
}
