import { isMusterPage, oneLine, PayloadError, readPayload, stableKey, verifyHmacSha256, type AlertSignal, type AlertSource, type PluginContext, type WebhookRequest } from '@muster/plugin-sdk';
import type { PagerDutyConfig } from './config';
import { ACTED_ON, incidentSignal } from './incident-signal';
import { pagerDutyEnvelopeSchema, pagerDutyIncidentEventSchema } from './pagerduty-event';
import { severityResolver } from './severity';

/**
 * `POST /webhooks/pagerduty`: a V3 webhook subscription. PagerDuty signs the exact body with the
 * subscription's secret (WEBHOOK_SECRET) in `X-PagerDuty-Signature: v1=<hex>`, several
 * comma-separated while the secret rotates: any one valid accepts (developer.pagerduty.com,
 * "Verifying Signatures"). Kept apart from the paging capability this plugin gets later.
 */
export function pagerDutyAlertSource(ctx: Pick<PluginContext<PagerDutyConfig>, 'config' | 'secrets' | 'severities'>): AlertSource {
  const context = { config: ctx.config, severityOf: severityResolver(ctx.config.severity, ctx.severities) };
  return {
    // Read on every request: without a WEBHOOK_SECRET every request is refused, never accepted.
    verify: (request) => verifyHmacSha256(request.rawBody, ctx.secrets.get('WEBHOOK_SECRET') ?? '', request.headers['x-pagerduty-signature'], { prefix: 'v1=' }),
    parse: (request): AlertSignal[] => {
      const envelope = readPayload(request, pagerDutyEnvelopeSchema);
      // pagey.ping (a subscription test), service events and the incident events Muster leaves to PagerDuty.
      if (!Object.hasOwn(ACTED_ON, envelope.event.event_type)) return [];
      const incident = readPayload(request, pagerDutyIncidentEventSchema).event.data;
      // A page Muster sent (its incident_key is Muster's dedup key) is already an incident: its acknowledgement is read by the paging port.
      if (isMusterPage(incident.incident_key)) return [];
      return [incidentSignal(envelope, incident, deliveryIdOf(request, envelope.event.id), context)];
    },
  };
}

/**
 * `X-Webhook-Id` is PagerDuty's id for one webhook, repeated on every retry ("Webhooks behavior",
 * at-least-once delivery); the event id stands in when a proxy dropped the header.
 */
function deliveryIdOf(request: WebhookRequest, eventId: string | undefined): string {
  const id = oneLine(request.headers['x-webhook-id'], 200) ?? eventId;
  if (!id) throw new PayloadError('event.id is missing (and so is the X-Webhook-Id header)');
  return stableKey([id]);
}
