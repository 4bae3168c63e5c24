import { PayloadError, readPayload, z, type WebhookRequest } from '@muster/plugin-sdk';

// Grafana Alerting's webhook contact point (Grafana 9+, unified alerting), as documented in
// "Configure the webhook notifier for Alerting", section "Webhook JSON payload":
// https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
// Grafana always sends every field; the optional ones default so a hand-written payload is read too.
const labelSet = z.record(z.string(), z.string());
const status = z.enum(['firing', 'resolved']);

const alertSchema = z.object({
  status,
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: z.string().optional(),
  // Zero (0001-01-01T00:00:00Z) while the alert fires, so it is stable across repeats.
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  // `values` and `valueString` change at every evaluation and Muster does not use them: their shape
  // is not checked, so a Grafana version that changes it still gets its alerts through.
  values: z.unknown().optional(),
  valueString: z.unknown().optional(),
});

const notificationSchema = z.object({
  version: z.literal('1'),
  groupKey: z.string().refine((key) => key.trim().length > 0, 'must not be blank'),
  status,
  orgId: z.number().int().optional(),
  receiver: z.string().default(''),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(''),
  truncatedAlerts: z.number().int().min(0).default(0),
  title: z.string().optional(),
  state: z.unknown().optional(),
  message: z.string().optional(),
  alerts: z.array(alertSchema),
});

export type Notification = z.output<typeof notificationSchema>;
export type NotifiedAlert = Notification['alerts'][number];

/** The notification in the request, or a PayloadError naming the field that is wrong. */
export function readNotification(request: WebhookRequest): Notification {
  const body = request.body as { version?: unknown; orgId?: unknown } | undefined;
  // Prometheus Alertmanager's webhook is the look-alike with version "4" and no orgId.
  if (body && typeof body === 'object' && body.version === '4' && !('orgId' in body)) {
    throw new PayloadError('this is a Prometheus Alertmanager payload (version "4"): point the receiver at /webhooks/alertmanager');
  }
  return readPayload(request, notificationSchema);
}
