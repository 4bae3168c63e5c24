import { alertmanagerStyleNotification, PayloadError, readPayload, type WebhookRequest, type z } from '@muster/plugin-sdk';

// The webhook receiver's payload, as documented at
// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config ("The Alertmanager will
// send HTTP POST requests in the following JSON format"): the SDK's Alertmanager-style format.
const notificationSchema = alertmanagerStyleNotification('4');

export type Notification = z.output<typeof notificationSchema>;
export type NotifiedAlert = Notification['alerts'][number];

/** The notification in the request, or a PayloadError naming the field that is wrong. */
export function readNotification(request: WebhookRequest): Notification {
  const body = request.body as { version?: unknown; orgId?: unknown } | undefined;
  // Grafana's contact point sends a look-alike with version "1": say where it belongs.
  if (body && typeof body === 'object' && body.version === '1' && 'orgId' in body) {
    throw new PayloadError('this is a Grafana Alerting payload (version "1"): point the contact point at /webhooks/grafana');
  }
  return readPayload(request, notificationSchema);
}
