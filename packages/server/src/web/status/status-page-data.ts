import {
  INCIDENT_STATUSES, isOpen, serviceNameKey,
  type Incident, type MusterSettings, type Repositories, type Service, type StatusUpdate,
} from '@muster/core';
import {
  COMPONENT_STATE_LABELS, PUBLIC_STATUS_LABELS, publicStatusOf, stateOfIncident, worstState,
  type ComponentState, type PublicIncidentStatus,
} from './component-state';

/** How far back the history (and the Atom feed) reaches. */
export const HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A status page is not an archive: at most this many incidents of the window are read. */
const MAX_INCIDENTS = 500;

/**
 * The public status of one tenant: what `/status`, `/status.json` and the Atom feed show. This is the
 * documented JSON shape of `/status.json` (dates as ISO 8601 strings there).
 *
 * What is public, decided here once for the three: only the tenant's non-private incidents; of those,
 * only incidents with at least one external update a person approved (approved or published), as on
 * Statuspage, where nothing appears until someone posts it; of an incident only its public heading,
 * public status, start and resolution times, the public components it affects and those approved
 * external updates (text and time). Never its internal title, reference, severity name, people, roles,
 * timeline, internal updates, or any draft, pending or rejected update. Component states follow the
 * same incidents, so an incident nobody has announced yet does not turn a component red either.
 */
export interface StatusPageData {
  readonly tenant: string;
  readonly title: string;
  /** `statusPage.intro` of muster.yaml, when set. */
  readonly intro?: string;
  readonly updatedAt: Date;
  /** The worst state of any component or shown open incident. */
  readonly overall: ComponentState;
  readonly overallLabel: string;
  readonly components: readonly PublicComponent[];
  /** Open incidents, newest first. */
  readonly active: readonly PublicIncident[];
  /** Incidents that started in the last 90 days, open ones included, by day (UTC), newest day first. */
  readonly history: readonly { readonly date: string; readonly incidents: readonly PublicIncident[] }[];
}

export interface PublicComponent {
  readonly name: string;
  readonly description: string;
  readonly state: ComponentState;
  readonly stateLabel: string;
  /**
   * The days (UTC, oldest first) of the last 90 on which an incident shown here affected the
   * component, each with the worst state it was in; every day not listed was operational.
   */
  readonly incidentDays: readonly { readonly date: string; readonly state: ComponentState }[];
}

export interface PublicIncident {
  /** An opaque id (never the INC reference, which counts every incident, private ones too). */
  readonly id: string;
  readonly title: string;
  readonly status: PublicIncidentStatus;
  readonly statusLabel: string;
  /** What it does to the components it affects while open; `operational` once resolved. */
  readonly impact: ComponentState;
  readonly components: readonly string[];
  readonly startedAt: Date;
  readonly resolvedAt?: Date;
  /** Approved external updates, newest first. */
  readonly updates: readonly PublicUpdate[];
}

export interface PublicUpdate {
  readonly id: string;
  readonly body: string;
  readonly at: Date;
}

const OPEN_STATUSES = INCIDENT_STATUSES.filter(isOpen);

/** The heading an external update carries in chat too (core's publishedUpdateView), with public components only. */
export function publicHeading(components: readonly string[], publicTitle?: string): string {
  const title = publicTitle?.trim() || 'Service update';
  return components.length ? `${title}: ${components.join(', ')}` : title;
}

export const isApprovedExternal = (u: StatusUpdate): boolean => u.audience === 'external' && (u.state === 'approved' || u.state === 'published');

/** Reads the tenant's public status from the store now: nothing is cached, so an approval shows at once. */
export async function loadStatusPage(
  repos: Repositories, settings: MusterSettings, tenant: string, now: Date, heading: { readonly title: string; readonly intro?: string },
): Promise<StatusPageData> {
  const since = new Date(now.getTime() - HISTORY_DAYS * DAY_MS);
  const [services, recent, open] = await Promise.all([
    repos.services.list(tenant),
    repos.incidents.list({ tenantId: tenant, excludePrivate: true, declaredFrom: since, limit: MAX_INCIDENTS }),
    repos.incidents.list({ tenantId: tenant, excludePrivate: true, statuses: OPEN_STATUSES, limit: MAX_INCIDENTS }),
  ]);
  const publicServices = services.filter((s) => s.public);
  const byKey = new Map(publicServices.map((s) => [serviceNameKey(s.name), s]));
  const candidates = new Map<string, Incident>();
  // The store was asked to leave private and other tenants' incidents out; checked again because a
  // leak here is public.
  for (const i of [...open, ...recent]) if (!i.isPrivate && i.tenantId === tenant) candidates.set(i.id, i);

  const shown: { incident: Incident; view: PublicIncident }[] = [];
  for (const incident of candidates.values()) {
    const updates = (await repos.statusUpdates.listByIncident(incident.id)).filter(isApprovedExternal);
    if (!updates.length) continue;
    shown.push({ incident, view: publicIncident(incident, updates, byKey, settings) });
  }
  shown.sort((a, b) => b.view.startedAt.getTime() - a.view.startedAt.getTime());

  const active = shown.filter((s) => s.incident.isOpen).map((s) => s.view);
  const days = incidentDays(shown, since, now, settings);
  const components = publicServices.map((service) => componentOf(service, active, days.get(service.name) ?? new Map()));
  const overall = worstState([...components.map((c) => c.state), ...active.map((a) => a.impact)]);
  return {
    tenant, ...heading, updatedAt: now, overall, overallLabel: overallLabel(overall), components, active,
    history: byDay(shown.map((s) => s.view).filter((v) => v.startedAt >= since)),
  };
}

function publicIncident(incident: Incident, updates: readonly StatusUpdate[], publicServices: ReadonlyMap<string, Service>, settings: MusterSettings): PublicIncident {
  const s = incident.snapshot();
  const components = [...new Set(s.services.map((name) => publicServices.get(serviceNameKey(name))?.name).filter((n): n is string => !!n))];
  const status = publicStatusOf(s.status);
  const resolvedAt = incident.isOpen ? undefined : (s.milestones.resolved ?? s.milestones.closed ?? s.updatedAt);
  return {
    id: incident.id,
    title: publicHeading(components, settings.publicUpdateTitle),
    status, statusLabel: PUBLIC_STATUS_LABELS[status],
    impact: incident.isOpen ? stateOfIncident(s.severity, s.status, settings.severities) : 'operational',
    components,
    startedAt: s.milestones.detected ?? s.milestones.declared ?? s.createdAt,
    ...(resolvedAt ? { resolvedAt } : {}),
    updates: updates
      .map((u) => ({ id: u.id, body: u.body, at: u.publishedAt ?? u.decidedAt ?? u.updatedAt }))
      .sort((a, b) => b.at.getTime() - a.at.getTime()),
  };
}

function componentOf(service: Service, active: readonly PublicIncident[], days: ReadonlyMap<string, ComponentState>): PublicComponent {
  const state = worstState(active.filter((a) => a.components.includes(service.name)).map((a) => a.impact));
  return {
    name: service.name, description: service.description, state, stateLabel: COMPONENT_STATE_LABELS[state],
    incidentDays: [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, s]) => ({ date, state: s })),
  };
}

/** The UTC days of the window, oldest first (`YYYY-MM-DD`), for the 90-day bars. */
export function windowDays(now: Date, count = HISTORY_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/**
 * For each public component, the worst state of each day an incident shown here was open on it. A
 * resolved incident counts with the state its severity gave while open (the history keeps no record
 * of each change; its last severity stands for the whole of it).
 */
function incidentDays(shown: readonly { incident: Incident; view: PublicIncident }[], since: Date, now: Date, settings: MusterSettings): Map<string, Map<string, ComponentState>> {
  const byComponent = new Map<string, Map<string, ComponentState>>();
  const first = windowDays(now)[0]!;
  for (const { incident, view } of shown) {
    const state = incident.isOpen ? view.impact : stateOfIncident(incident.severity, 'investigating', settings.severities);
    const from = Math.max(view.startedAt.getTime(), since.getTime());
    const to = Math.min((view.resolvedAt ?? now).getTime(), now.getTime());
    for (const name of view.components) {
      const days = byComponent.get(name) ?? new Map<string, ComponentState>();
      byComponent.set(name, days);
      for (let t = from; t <= to + DAY_MS; t += DAY_MS) {
        const date = new Date(Math.min(t, to)).toISOString().slice(0, 10);
        if (date >= first) days.set(date, worstState([days.get(date) ?? 'operational', state]));
        if (t >= to) break;
      }
    }
  }
  return byComponent;
}

function overallLabel(state: ComponentState): string {
  if (state === 'operational') return 'All systems operational';
  if (state === 'major_outage') return 'Major outage';
  if (state === 'partial_outage') return 'Partial outage';
  return 'Degraded performance';
}

function byDay(incidents: readonly PublicIncident[]): StatusPageData['history'] {
  const days = new Map<string, PublicIncident[]>();
  for (const incident of incidents) {
    const date = incident.startedAt.toISOString().slice(0, 10);
    days.set(date, [...(days.get(date) ?? []), incident]);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([date, list]) => ({ date, incidents: list }));
}
