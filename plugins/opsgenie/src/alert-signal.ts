import { isoInstant, labelSet, oneLine, paragraphs, safeUrl, stableKey, SUMMARY_MAX, TITLE_MAX, wellFormed, type AlertSignal } from '@muster/plugin-sdk';
import type { OpsgenieConfig } from './config';
import type { OpsgeniePayload } from './opsgenie-payload';

/**
 * What each action means for Muster, by its lower-cased name. Create declares (or is noted on the
 * open incident of the same alias); a priority change is noted with the new severity, and declares
 * when Muster has none open; Close resolves.
 *
 * Every other action is ignored: acknowledge, notes, escalations, assignments and tag edits are
 * Opsgenie's own workflow, and a "firing" note for each would tell the room the alert fired again.
 */
export const ACTED_ON: Readonly<Record<string, { readonly status: AlertSignal['status']; readonly verb: string }>> = {
  create: { status: 'firing', verb: 'Created' },
  updatepriority: { status: 'firing', verb: 'Priority changed' },
  close: { status: 'resolved', verb: 'Closed' },
};

export interface SignalContext {
  readonly config: OpsgenieConfig;
  readonly severityOf: (priority: string | undefined) => string | undefined;
}

export function alertSignal({ action, alert, source, integrationName }: OpsgeniePayload, rawBody: Buffer, { config, severityOf }: SignalContext): AlertSignal {
  const actionKey = action.trim().toLowerCase();
  const what = ACTED_ON[actionKey]!;
  const tiny = alert.tinyId ? `#${alert.tinyId}` : alert.alertId;
  const title = oneLine(alert.message, TITLE_MAX) ?? oneLine(`Opsgenie alert ${tiny}`, TITLE_MAX)!;
  const url = safeUrl(`${config.appUrl.replace(/\/+$/, '')}/alert/detail/${encodeURIComponent(wellFormed(alert.alertId))}/details`);
  const priority = oneLine(alert.priority, 10);
  const from = oneLine(alert.source ?? source?.name, 200);
  const summary = [
    `${what.verb} in Opsgenie${alert.username ? ` by ${alert.username}` : ''}`,
    `Alert ${tiny}${from ? ` from ${from}` : ''}${alert.entity ? ` on ${alert.entity}` : ''}${priority ? ` (${priority})` : ''}`,
    ...(alert.description ? ['', alert.description] : []),
  ];
  return {
    status: what.status,
    // The alias is Opsgenie's own de-duplication key: the same problem raised again carries it.
    groupKey: stableKey([alert.alias || alert.alertId]),
    // updatedAt changes with every action; without it the exact bytes still recognise a redelivery.
    deliveryId: stableKey([alert.alertId, actionKey, alert.updatedAt !== undefined ? String(alert.updatedAt) : `body:${rawBody.toString('base64')}`]),
    title,
    summary: paragraphs(summary.join('\n'), SUMMARY_MAX),
    severity: severityOf(priority),
    services: servicesOf(alert.tags ?? [], config.servicePrefix),
    url,
    startedAt: isoInstant(alert.createdAt),
    labels: labelSet([
      ['opsgenie.action', action], ['opsgenie.tinyId', alert.tinyId], ['opsgenie.alias', alert.alias], ['opsgenie.priority', priority],
      ['opsgenie.entity', alert.entity], ['opsgenie.source', from], ['opsgenie.tags', alert.tags], ['opsgenie.integration', integrationName],
      ...Object.entries(alert.details ?? {}).map(([key, value]) => [`details.${key}`, value] as const),
    ]),
    alerts: [{ id: stableKey([alert.alertId]), status: what.status, title, url }],
  };
}

/** `service:checkout` → `checkout`, case-insensitive prefix, each service once. */
function servicesOf(tags: readonly string[], prefix: string): string[] {
  const lower = prefix.toLowerCase();
  const names = tags
    .filter((tag) => tag.toLowerCase().startsWith(lower))
    .map((tag) => oneLine(tag.slice(prefix.length), 100))
    .filter((name): name is string => name !== undefined);
  return [...new Set(names)].slice(0, 20);
}
