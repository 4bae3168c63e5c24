import { alertmanagerStyleAlert, alertmanagerStyleNotification, PayloadError, readPayload, z, type WebhookRequest } from '@muster/plugin-sdk';

// Grafana Alerting's webhook contact point (Grafana 9+, unified alerting), as documented in
// "Configure the webhook notifier for Alerting", section "Webhook JSON payload":
// https://grafana.com/docs/grafana/latest/alerting/configure-notifications/manage-contact-points/integrations/webhook-notifier/
// The SDK's Alertmanager-style format (version "1"), with Grafana's own fields.
const alertSchema = alertmanagerStyleAlert.extend({
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
  // `values` and `valueString` change at every evaluation and Muster does not use them: their shape
  // is not checked, so a Grafana version that changes it still gets its alerts through.
  values: z.unknown().optional(),
  valueString: z.unknown().optional(),
});

const notificationSchema = alertmanagerStyleNotification('1').extend({
  orgId: z.number().int().optional(),
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
