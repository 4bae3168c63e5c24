import { deliveryDigest, readAlertmanagerStyle, safeUrl, sourceKey, type AlertmanagerStyleSettings, type AlertSignal } from '@muster/plugin-sdk';
import type { Notification, NotifiedAlert } from './payload';

/** Grafana-based Alertmanagers (Mimir) send their "test receivers" alert with this instance. */
const ALERTMANAGER = { testInstance: 'Alertmanager', alertUrl: (alert: NotifiedAlert) => safeUrl(alert.generatorURL) };

/**
 * One signal per notification: Alertmanager sends a whole alert group at a time, and Muster keeps
 * one incident per group. A notification without alerts, or the test alert, means nothing.
 */
export function signalsOf(notification: Notification, settings: AlertmanagerStyleSettings): AlertSignal[] {
  const group = readAlertmanagerStyle(notification, settings, ALERTMANAGER);
  if (!group) return [];
  return [{
    ...group.signal,
    // The group key names the group; one too long for a database column is replaced by its digest.
    groupKey: sourceKey(notification.groupKey),
    // Alertmanager re-sending the group at repeat_interval sends the same values (same id: nothing new).
    deliveryId: deliveryDigest('alertmanager', notification.groupKey, notification.status, notification.truncatedAlerts, group.identity),
    title: group.title ?? 'Alertmanager alert',
    url: safeUrl(notification.externalURL) ?? safeUrl(group.lead.generatorURL),
  }];
}
