import { deliveryDigest, oneLine, paragraphs, readAlertmanagerStyle, safeUrl, sourceKey, type AlertmanagerStyleSettings, type AlertSignal } from '@muster/plugin-sdk';
import type { Notification, NotifiedAlert } from './payload';

/** The contact point's "Test" sends alert `TestAlert` on this instance (labels can be added to it, these two stay). */
const GRAFANA = {
  testInstance: 'Grafana',
  alertUrl: (alert: NotifiedAlert) => safeUrl(alert.panelURL) ?? safeUrl(alert.dashboardURL) ?? safeUrl(alert.generatorURL),
};

/**
 * One signal per notification: Grafana sends a whole alert group at a time (its notification
 * policy's group_by), and Muster keeps one incident per group. A notification without alerts, or
 * the contact point's test, means nothing.
 */
export function signalsOf(notification: Notification, settings: AlertmanagerStyleSettings): AlertSignal[] {
  const group = readAlertmanagerStyle(notification, settings, GRAFANA);
  if (!group) return [];
  return [{
    ...group.signal,
    groupKey: groupKeyOf(notification),
    // Not `values`, which change at every evaluation: a repeat of an unchanged group carries the same id.
    deliveryId: deliveryDigest('grafana', notification.orgId, notification.groupKey, notification.status, notification.truncatedAlerts, group.identity),
    title: group.title ?? oneLine(notification.title?.replace(/^\[(FIRING|RESOLVED)(:\d+)?\]\s*/, '')) ?? 'Grafana alert',
    summary: group.signal.summary ?? paragraphs(notification.message),
    url: safeUrl(group.lead.generatorURL) ?? safeUrl(notification.externalURL),
  }];
}

/**
 * Grafana's group key, within its organisation: two orgs of one Grafana posting here can route the
 * same labels. A key too long for a database column is replaced by its digest.
 */
function groupKeyOf(notification: Notification): string {
  return sourceKey(notification.orgId === undefined ? notification.groupKey : `org${notification.orgId}/${notification.groupKey}`);
}
