import { deliveryDigest, pickLabel, safeLabels, type AlertSignal } from '@muster/plugin-sdk';
import type { Notification, NotifiedAlert } from './payload';
import type { SeverityMapper } from './severity';
import { httpUrl, oneLine, paragraphs } from './text';

export interface NotificationSettings {
  readonly severityLabel: string;
  readonly serviceLabel: string;
  readonly severities: SeverityMapper;
}

const MAX_GROUP_KEY = 200;
const MAX_ALERTS = 100;
const MAX_SERVICES = 20;

/**
 * One signal per notification: Alertmanager sends a whole alert group at a time, and Muster keeps
 * one incident per group. A notification without alerts, or the test alert Grafana-based
 * Alertmanagers (Mimir) send from "test receivers", means nothing.
 */
export function signalsOf(notification: Notification, settings: NotificationSettings): AlertSignal[] {
  const { alerts } = notification;
  if (alerts.length === 0 || alerts.every(isTestAlert)) return [];
  const first = alerts.find((alert) => alert.status === notification.status) ?? alerts[0]!;
  const title = oneLine(notification.commonAnnotations.summary) ?? oneLine(notification.commonLabels.alertname)
    ?? oneLine(notification.groupLabels.alertname) ?? oneLine(first.annotations.summary) ?? oneLine(first.labels.alertname) ?? 'Alertmanager alert';
  const summary = paragraphs(notification.commonAnnotations.description) ?? (alerts.length === 1 ? paragraphs(first.annotations.description) : undefined);
  const labelSets = [notification.commonLabels, ...alerts.map((alert) => alert.labels)];
  const services = [...new Set(labelSets.map((labels) => oneLine(pickLabel(labels, settings.serviceLabel), 100)).filter((s): s is string => s !== undefined))];
  return [{
    status: notification.status,
    groupKey: groupKeyOf(notification.groupKey),
    deliveryId: deliveryIdOf(notification),
    title,
    summary,
    severity: settings.severities.mostSevere(labelSets.map((labels) => pickLabel(labels, settings.severityLabel))),
    services: services.slice(0, MAX_SERVICES),
    url: httpUrl(notification.externalURL) ?? httpUrl(first.generatorURL),
    startedAt: earliest(alerts.map((alert) => alert.startsAt)),
    labels: safeLabels(notification.commonLabels),
    alerts: alerts.slice(0, MAX_ALERTS).map((alert) => ({
      id: alertId(alert),
      status: alert.status,
      title: oneLine(alert.annotations.summary) ?? oneLine(alert.labels.alertname),
      url: httpUrl(alert.generatorURL),
    })),
  }];
}

/** The group key names the group; one too long for a database column is replaced by its digest. */
function groupKeyOf(groupKey: string): string {
  return groupKey.length <= MAX_GROUP_KEY ? groupKey : `sha256:${deliveryDigest('groupKey', groupKey)}`;
}

/**
 * What makes one notification differ from another of the same group: its status and each alert's
 * identity and timestamps. Alertmanager re-sending the group at repeat_interval sends the same
 * values (same id: nothing new); an alert joining, resolving or firing again changes them.
 */
function deliveryIdOf(notification: Notification): string {
  const alerts = notification.alerts.map((alert) => [alertId(alert), alert.status, alert.startsAt ?? '', alert.endsAt ?? ''] as const)
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
  return deliveryDigest('alertmanager', notification.groupKey, notification.status, notification.truncatedAlerts, alerts.map((alert) => [...alert]));
}

/** The fingerprint, or (from an Alertmanager older than 0.19) a digest of the labels it is computed from. */
function alertId(alert: NotifiedAlert): string {
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

function isTestAlert(alert: NotifiedAlert): boolean {
  return alert.labels.alertname === 'TestAlert' && alert.labels.instance === 'Alertmanager';
}
