import { z } from '@muster/plugin-sdk';

/*
 * A PagerDuty V3 webhook (developer.pagerduty.com, "Webhooks overview", "Webhook Payload" and
 * "Event Data Types"): one `event` with id, event_type, resource_type, occurred_at, agent, client
 * and data; for incident events `data` is the incident (id, number, title, status, html_url,
 * incident_key, created_at, service, priority, urgency, ...).
 *
 * The envelope is read first; the incident only for the events this plugin acts on, so an event type
 * PagerDuty adds later is ignored rather than refused. What decides behaviour (event_type, the
 * incident id) must be right; what only describes the incident is read leniently (`catch`).
 */
const optionalText = z.string().optional().catch(undefined);
const reference = z.object({ id: optionalText, type: optionalText, summary: optionalText, html_url: optionalText }).nullish().catch(undefined);

export const pagerDutyEnvelopeSchema = z.object({
  event: z.object({
    id: z.string().trim().min(1).max(200).optional().catch(undefined),
    event_type: z.string().trim().min(1).max(100),
    resource_type: optionalText,
    occurred_at: optionalText,
    agent: reference,
    data: z.unknown(),
  }),
});

export const pagerDutyIncidentSchema = z.object({
  id: z.string().trim().min(1).max(200),
  type: optionalText,
  number: z.number().int().nonnegative().optional().catch(undefined),
  title: optionalText,
  status: optionalText,
  html_url: optionalText,
  incident_key: optionalText,
  created_at: optionalText,
  urgency: optionalText,
  service: reference,
  escalation_policy: reference,
  priority: reference,
  teams: z.array(reference).optional().catch(undefined),
});

/** The same webhook read again with `data` as an incident, so a reason names the whole path (`event.data.id is missing`). */
export const pagerDutyIncidentEventSchema = z.object({ event: z.object({ data: pagerDutyIncidentSchema }) });

export type PagerDutyEnvelope = z.output<typeof pagerDutyEnvelopeSchema>;
export type PagerDutyIncident = z.output<typeof pagerDutyIncidentSchema>;
