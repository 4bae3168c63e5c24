import type { Link } from './person';

/** What an integration does for an incident: the kinds of capability call whose outcome people watch. */
export type IntegrationKind = 'page' | 'ticket' | 'conference' | 'runbook' | 'status_page';

/** What people call each kind: "Jira ticket", "Zoom call". */
export const INTEGRATION_KIND_NAMES: Record<IntegrationKind, string> = { page: 'page', ticket: 'ticket', conference: 'call', runbook: 'runbook', status_page: 'status page' };

/** "PagerDuty page", "Jira ticket"; a provider named for the kind already ("Runbooks") is not repeated. */
export function integrationHead(status: Pick<IntegrationStatus, 'kind' | 'provider'>): string {
  const what = INTEGRATION_KIND_NAMES[status.kind];
  return new RegExp(`\\b${what}s?$`, 'i').test(status.provider) ? status.provider : `${status.provider} ${what}`;
}

/**
 * Where one integration stands for one incident, as the card and timeline show it: "PagerDuty: paged
 * Ana Lima · acknowledged", "Jira: OPS-12", "Jira: retrying, last error 503 Service Unavailable".
 * Kept in the incident's links, one per `key`, so a retried call updates its line instead of adding one.
 */
export interface IntegrationStatus {
  /** Names the call's subject, e.g. `ticket:jira`, `page:pagerduty:checkout`, `conference:zoom`. At most 200 characters. */
  readonly key: string;
  readonly kind: IntegrationKind;
  /** The plugin that does it (its id) and how people call it (`Jira`). */
  readonly pluginId: string;
  readonly provider: string;
  /**
   * `working`: asked, no answer yet; `retrying`: failed, will be tried again (`lastError` says why);
   * `failed`: given up; `done`: made (`link`); `acknowledged` (pages): someone took it; `resolved`: closed at the remote side.
   */
  readonly state: 'working' | 'retrying' | 'failed' | 'done' | 'acknowledged' | 'resolved';
  readonly link?: Link;
  /** The remote id later calls need (not shown). */
  readonly remoteId?: string;
  /** One line for people: "paged Ana Lima, Bo Chen". At most 300 characters. */
  readonly detail?: string;
  /** The last failure, scrubbed of secrets, one line, at most 300 characters. */
  readonly lastError?: string;
  /** ISO 8601: the links are stored as JSON. */
  readonly updatedAt: string;
}

const LIMITS = { key: 200, detail: 300, lastError: 300, title: 200 } as const;

const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The status as stored: one-line, bounded texts, so nothing a remote answers can bloat the incident. */
export function boundedIntegrationStatus(status: IntegrationStatus): IntegrationStatus {
  return {
    ...status,
    key: status.key.slice(0, LIMITS.key),
    ...(status.link && { link: { url: status.link.url, title: oneLine(status.link.title, LIMITS.title) } }),
    ...(status.detail !== undefined && { detail: oneLine(status.detail, LIMITS.detail) }),
    ...(status.lastError !== undefined && { lastError: oneLine(status.lastError, LIMITS.lastError) }),
  };
}

/**
 * The incident's integration lines with `status` recorded at `at` (bounded; in place of the line with its
 * key, else appended), or undefined when nothing would change. `visible`: whether people would see it.
 */
export function integrationsWith(current: readonly IntegrationStatus[], status: IntegrationStatus, at: Date):
  { integrations: IntegrationStatus[]; status: IntegrationStatus; visible: boolean; previous?: IntegrationStatus['state'] } | undefined {
  const next = boundedIntegrationStatus({ ...status, updatedAt: at.toISOString() });
  const before = current.find((i) => i.key === next.key);
  if (before && JSON.stringify({ ...before, updatedAt: '' }) === JSON.stringify({ ...next, updatedAt: '' })) return undefined;
  const integrations = before ? current.map((i) => (i.key === next.key ? next : i)) : [...current, next];
  return { integrations, status: next, visible: integrationVisiblyChanged(before, next), ...(before && { previous: before.state }) };
}

/** Whether people would see a difference between the two (the card line or its link): only then is it a timeline event. */
export function integrationVisiblyChanged(before: IntegrationStatus | undefined, after: IntegrationStatus): boolean {
  if (!before) return true;
  return before.state !== after.state || before.link?.url !== after.link?.url || before.detail !== after.detail
    || (after.state === 'retrying' && before.lastError !== after.lastError);
}
