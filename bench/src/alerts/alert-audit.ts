import type { WebhookDelivery } from './alertmanager-plan';

/** One incident title's rows in Muster's database (`alertIncidents` in muster-server.main.ts). */
export interface AlertIncidentRow {
  readonly title: string;
  /** Incidents with this title: one per group, never two. */
  readonly incidents: number | string;
  /** `alert` timeline entries on them: one per distinct notification of the group. */
  readonly alert_entries: number | string;
}

export interface AlertAudit {
  readonly groupsAcked: number;
  readonly incidents: number;
  /** A group with a notification answered 200 and no incident. */
  readonly lostIncidents: number;
  /** Incidents beyond one per group. */
  readonly duplicateIncidents: number;
  readonly alertEntries: number;
  /** Distinct notifications answered 200 with no `alert` entry. */
  readonly lostEntries: number;
  /** Entries beyond one per distinct notification sent (a redelivery noted again). */
  readonly duplicateEntries: number;
}

/**
 * What the database holds for a phase's groups against what was sent and what was answered 200.
 * `sent` and `acked` are the deliveries (openings included); rows are read by title.
 */
export function auditAlertIncidents(rows: readonly AlertIncidentRow[], sent: readonly WebhookDelivery[], acked: readonly WebhookDelivery[]): AlertAudit {
  const byGroup = (deliveries: readonly WebhookDelivery[]) => {
    const groups = new Map<string, Set<string>>();
    for (const d of deliveries) {
      const identities = groups.get(d.group) ?? new Set<string>();
      identities.add(d.identity);
      groups.set(d.group, identities);
    }
    return groups;
  };
  const sentGroups = byGroup(sent);
  const ackedGroups = byGroup(acked);
  const stored = new Map(rows.map((r) => [r.title, { incidents: Number(r.incidents), entries: Number(r.alert_entries) }]));
  let lostIncidents = 0;
  let lostEntries = 0;
  for (const [group, identities] of ackedGroups) {
    const row = stored.get(group);
    if (!row || row.incidents === 0) lostIncidents++;
    lostEntries += Math.max(0, identities.size - (row?.entries ?? 0));
  }
  let duplicateIncidents = 0;
  let duplicateEntries = 0;
  let incidents = 0;
  let alertEntries = 0;
  for (const [title, row] of stored) {
    incidents += row.incidents;
    alertEntries += row.entries;
    duplicateIncidents += Math.max(0, row.incidents - 1);
    duplicateEntries += Math.max(0, row.entries - (sentGroups.get(title)?.size ?? 0));
  }
  return { groupsAcked: ackedGroups.size, incidents, lostIncidents, duplicateIncidents, alertEntries, lostEntries, duplicateEntries };
}
