/*
 * What the PagerDuty fake keeps: users, services with their escalation policy and its on-call users,
 * and incidents, shaped as the REST API v2 returns them ("API Reference": Incidents, Services,
 * On-Calls, Users). `webhookBody` turns an incident into a V3 webhook like PagerDuty would post.
 */

export interface FakeUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface FakeService {
  readonly id: string;
  readonly name: string;
  readonly escalationPolicy: string;
  /** On call now, with their escalation level (1 is paged first). */
  readonly oncall: readonly { readonly user: FakeUser; readonly level: number }[];
}

export interface FakeIncident {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  readonly incidentKey?: string;
  readonly urgency: string;
  readonly serviceId: string;
  readonly assignees: readonly FakeUser[];
  /** `incident.body.details` as created. */
  readonly details?: string;
  readonly createdAt: string;
  /** Who acknowledged or resolved it, in order. */
  readonly history: { readonly status: string; readonly by?: string; readonly at: string }[];
}

export const HTML_BASE = 'https://acme.pagerduty.com';

const userRef = (user: FakeUser) => ({ id: user.id, type: 'user_reference', summary: user.name, self: `https://api.pagerduty.com/users/${user.id}`, html_url: `${HTML_BASE}/users/${user.id}` });

export const userJson = (user: FakeUser) => ({ ...userRef(user), type: 'user', name: user.name, email: user.email });

export const serviceJson = (service: FakeService) => ({
  id: service.id,
  type: 'service',
  name: service.name,
  summary: service.name,
  status: 'active',
  html_url: `${HTML_BASE}/service-directory/${service.id}`,
  escalation_policy: { id: service.escalationPolicy, type: 'escalation_policy_reference', summary: `${service.name} policy` },
});

export function oncallJson(service: FakeService, entry: FakeService['oncall'][number], withUsers: boolean) {
  return {
    escalation_policy: { id: service.escalationPolicy, type: 'escalation_policy_reference', summary: `${service.name} policy` },
    escalation_level: entry.level,
    schedule: null,
    user: withUsers ? userJson(entry.user) : userRef(entry.user),
    start: null,
    end: null,
  };
}

export function incidentJson(incident: FakeIncident, service: FakeService | undefined) {
  return {
    id: incident.id,
    type: 'incident',
    summary: `[#${incident.number}] ${incident.title}`,
    self: `https://api.pagerduty.com/incidents/${incident.id}`,
    html_url: `${HTML_BASE}/incidents/${incident.id}`,
    incident_number: incident.number,
    title: incident.title,
    status: incident.status,
    incident_key: incident.incidentKey ?? null,
    urgency: incident.urgency,
    created_at: incident.createdAt,
    service: { id: incident.serviceId, type: 'service_reference', summary: service?.name ?? incident.serviceId },
    escalation_policy: service ? { id: service.escalationPolicy, type: 'escalation_policy_reference', summary: `${service.name} policy` } : null,
    assignments: incident.assignees.map((user) => ({ at: incident.createdAt, assignee: userRef(user) })),
  };
}

/** The V3 webhook PagerDuty would post for `eventType` on this incident, `agent` the user who acted. */
export function webhookBody(incident: FakeIncident, service: FakeService | undefined, eventType: string, agent?: FakeUser) {
  const data = incidentJson(incident, service);
  return {
    event: {
      id: `01FAKE${incident.id}${incident.history.length}`,
      event_type: eventType,
      resource_type: 'incident',
      occurred_at: new Date().toISOString(),
      agent: agent ? userRef(agent) : null,
      client: { name: 'PagerDuty' },
      data: { ...data, number: data.incident_number, assignees: incident.assignees.map(userRef) },
    },
  };
}
