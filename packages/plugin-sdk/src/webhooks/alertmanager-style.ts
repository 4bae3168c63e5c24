import { z } from 'zod';
import type { AlertSignal } from '../capabilities/alert-source';
import type { SeverityMapper } from '../severity';
import { deliveryDigest } from './delivery-digest';
import { safeLabels } from './labels';
import { oneLine, paragraphs, pickLabel } from './text';

/*
 * The webhook format of Prometheus Alertmanager (payload version 4, documented at
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config), which Mimir, Cortex and
 * Thanos post as is and Grafana Alerting (version 1) extends: one alert group, sent whole at every
 * change and again at repeat_interval. Senders always send every field; the optional ones default
 * so a hand-written test payload is read too.
 */
const labelSet = z.record(z.string(), z.string());
const status = z.enum(['firing', 'resolved']);

/** One alert of the list; extend it (`.extend({ panelURL: ... })`) for a sender's own fields. */
export const alertmanagerStyleAlert = z.object({
  status,
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: z.string().optional(),
  // Zero (0001-01-01T00:00:00Z) while the alert fires, so it is stable across repeats.
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  // Since Alertmanager 0.19; a hash of the labels before that.
  fingerprint: z.string().optional(),
});

/** The notification around the list, for a sender's `version` (`'4'` Alertmanager, `'1'` Grafana). */
export function alertmanagerStyleNotification<V extends string>(version: V) {
  return z.object({
    version: z.literal(version),
    groupKey: z.string().refine((key) => key.trim().length > 0, 'must not be blank'),
    status,
    receiver: z.string().default(''),
    groupLabels: labelSet.default({}),
    commonLabels: labelSet.default({}),
    commonAnnotations: labelSet.default({}),
    externalURL: z.string().default(''),
    // Alerts left out because of max_alerts: they still make this notification differ from another.
    truncatedAlerts: z.number().int().min(0).default(0),
    alerts: z.array(alertmanagerStyleAlert),
  });
}

export type AlertmanagerStyleAlert = z.output<typeof alertmanagerStyleAlert>;
export type AlertmanagerStyleNotification = z.output<ReturnType<typeof alertmanagerStyleNotification>>;

/** How an installation reads the labels (`alertmanagerStyleSettings` builds it from `alertmanagerStyleOptions`). */
export interface AlertmanagerStyleSettings {
  readonly severityLabel: string;
  readonly serviceLabel: string;
  readonly severities: SeverityMapper;
}

/** What differs between senders of the format. */
export interface AlertmanagerStyleSender<A extends AlertmanagerStyleAlert> {
  /** The `instance` label of the alert the sender's "test" button posts (`Alertmanager`, `Grafana`): such a notification means nothing. */
  readonly testInstance: string;
  /** The link back for one alert of the list. */
  readonly alertUrl: (alert: A) => string | undefined;
}

/** What every sender of the format means by a notification; the sender adds its group key, delivery id, title fallback and link. */
export interface AlertmanagerStyleGroup<A extends AlertmanagerStyleAlert> {
  /** The alert the notification is about: the first whose status is the notification's. */
  readonly lead: A;
  /** From the annotations and labels (summary, then alertname); undefined when they name nothing. */
  readonly title?: string;
  /**
   * Each alert's id, status and timestamps, in a fixed order, for `deliveryDigest`: a repeat of an
   * unchanged group gives the same list, an alert joining, resolving or firing again another.
   */
  readonly identity: string[][];
  /** The rest of the signal: status, summary, severity, services, startedAt, labels and the alerts. */
  readonly signal: Omit<AlertSignal, 'groupKey' | 'deliveryId' | 'title' | 'url'>;
}

const MAX_ALERTS = 100;
const MAX_SERVICES = 20;

/**
 * One notification read the way the format means it: a group, its most severe alert's level, each
 * service named once, the earliest start. Undefined for a notification that means nothing (no
 * alerts, or only the sender's test alert).
 */
export function readAlertmanagerStyle<A extends AlertmanagerStyleAlert>(
  notification: Omit<AlertmanagerStyleNotification, 'alerts' | 'version'> & { readonly alerts: readonly A[] },
  settings: AlertmanagerStyleSettings,
  sender: AlertmanagerStyleSender<A>,
): AlertmanagerStyleGroup<A> | undefined {
  const { alerts } = notification;
  const isTest = (alert: A) => alert.labels.alertname === 'TestAlert' && alert.labels.instance === sender.testInstance;
  if (alerts.length === 0 || alerts.every(isTest)) return undefined;
  const lead = alerts.find((alert) => alert.status === notification.status) ?? alerts[0]!;
  const labelSets = [notification.commonLabels, ...alerts.map((alert) => alert.labels)];
  const services = [...new Set(labelSets.map((labels) => oneLine(pickLabel(labels, settings.serviceLabel), 100)).filter((s): s is string => s !== undefined))];
  return {
    lead,
    title: oneLine(notification.commonAnnotations.summary) ?? oneLine(notification.commonLabels.alertname)
      ?? oneLine(notification.groupLabels.alertname) ?? oneLine(lead.annotations.summary) ?? oneLine(lead.labels.alertname),
    identity: alerts.map((alert) => [alertId(alert), alert.status, alert.startsAt ?? '', alert.endsAt ?? ''])
      .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1)),
    signal: {
      status: notification.status,
      summary: paragraphs(notification.commonAnnotations.description) ?? (alerts.length === 1 ? paragraphs(lead.annotations.description) : undefined),
      severity: settings.severities.mostSevere(labelSets.map((labels) => pickLabel(labels, settings.severityLabel))),
      services: services.slice(0, MAX_SERVICES),
      startedAt: earliest(alerts.map((alert) => alert.startsAt)),
      labels: safeLabels(notification.commonLabels),
      alerts: alerts.slice(0, MAX_ALERTS).map((alert) => ({
        id: alertId(alert),
        status: alert.status,
        title: oneLine(alert.annotations.summary) ?? oneLine(alert.labels.alertname),
        url: sender.alertUrl(alert),
      })),
    },
  };
}

/** The fingerprint, or (when a payload lacks it) a digest of the labels it is computed from. */
function alertId(alert: AlertmanagerStyleAlert): string {
  const fingerprint = oneLine(alert.fingerprint, 100);
  if (fingerprint) return fingerprint;
  const pairs = Object.entries(alert.labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => [key, value]);
  return deliveryDigest('labels', pairs).slice(0, 16);
}

function earliest(timestamps: readonly (string | undefined)[]): string | undefined {
  // Go's zero time (0001-01-01) and anything unparseable are "not given".
  const times = timestamps.map((value) => (value ? Date.parse(value) : NaN)).filter((time) => Number.isFinite(time) && time > 0);
  return times.length ? new Date(Math.min(...times)).toISOString() : undefined;
}
