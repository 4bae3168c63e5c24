import { PayloadError, readPayload, z, type WebhookRequest } from '@muster/plugin-sdk';

// The webhook receiver's payload, as documented at
// https://prometheus.io/docs/alerting/latest/configuration/#webhook_config ("The Alertmanager will
// send HTTP POST requests in the following JSON format"). Alertmanager always sends every field;
// the optional ones default so a hand-written test payload is read too.
const labelSet = z.record(z.string(), z.string());
const status = z.enum(['firing', 'resolved']);

const alertSchema = z.object({
  status,
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: z.string().optional(),
  // Alertmanager zeroes it (0001-01-01T00:00:00Z) while the alert fires, so it is stable across repeats.
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  // Since Alertmanager 0.19; a hash of the labels before that.
  fingerprint: z.string().optional(),
});

const notificationSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string().refine((key) => key.trim().length > 0, 'must not be blank'),
  status,
  receiver: z.string().default(''),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(''),
  // Alerts left out because of max_alerts: they still make this notification differ from another.
  truncatedAlerts: z.number().int().min(0).default(0),
  alerts: z.array(alertSchema),
});

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
