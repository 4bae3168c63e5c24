import { readPayload, readValue, z, type WebhookRequest } from '@muster/plugin-sdk';

// Datadog sends what the webhook's payload template says (https://docs.datadoghq.com/integrations/webhooks/,
// "Usage" and "Variables"). The fields read here are the template in this plugin's README; Datadog's
// default payload (body, last_updated, event_type, title, date, org, id) is a subset of it. A variable
// fills in as text, or as a number when the template leaves it unquoted ("date": $DATE).
const text = z.preprocess((value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value), z.string()).optional();

const alertSchema = z.object({
  id: text,
  alert_id: text,
  aggreg_key: text,
  alert_cycle_key: text,
  alert_transition: text,
  alert_priority: text,
  alert_title: text,
  alert_status: text,
  alert_scope: text,
  title: text,
  body: text,
  link: text,
  tags: text,
  hostname: text,
  date: text,
  last_updated: text,
  event_type: text,
});

export type DatadogAlert = { readonly [K in keyof z.output<typeof alertSchema>]: string | undefined };

/**
 * The alert in the request: JSON, or the same fields URL-encoded ("Encode as form"). A variable
 * Datadog left as written (`$ALERT_PRIORITY` when the monitor has none) or empty counts as absent.
 */
export function readAlert(request: WebhookRequest): DatadogAlert {
  const form = request.body === undefined && /application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '');
  const alert = form ? readValue(Object.fromEntries(new URLSearchParams(request.rawBody.toString('utf8'))), alertSchema) : readPayload(request, alertSchema);
  return Object.fromEntries(Object.entries(alert).map(([key, field]) => [key, present(field)])) as DatadogAlert;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && !/^\$[A-Z][A-Z0-9_]*$/.test(trimmed) ? trimmed : undefined;
}
