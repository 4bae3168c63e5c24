import type { ActionItem } from '../../domain/action-item';
import type { IncidentState } from '../../domain/incident-state';
import type {
  ActionItemTotals, IncidentMetrics, MilestoneStats, ServiceImpact,
} from './incident-metrics.model';
import { isoDay, weekIndexOf, type MetricsWindow } from './metric-weeks';
import { durationStats } from './percentiles';

export const TOP_SERVICES = 10;

type Step = 'acknowledge' | 'mitigate' | 'resolve';
const STEPS: readonly Step[] = ['acknowledge', 'mitigate', 'resolve'];
const MILESTONE_OF = { acknowledge: 'acknowledged', mitigate: 'mitigated', resolve: 'resolved' } as const;

/**
 * Folds incidents and action items into the metrics, page by page, so the caller never holds more
 * than one page of incidents: what it keeps is counts and one number per reached milestone.
 * Pure (no I/O, no clock): the caller decides what the viewer may see and passes only that.
 *
 * Rules: an incident belongs to the week it was declared in. Durations are measured from the
 * declaration to the milestone (a step skipped, e.g. resolved straight from triage, has no duration,
 * and an unresolved incident has no time to resolve yet but is still counted in its week). Declined
 * incidents (false alarms) are counted per week but left out of durations and of services. Action items
 * belong to the week they were created in.
 */
export class MetricsAccumulator {
  private readonly counts: Map<string, number>[];
  private readonly seenSeverities = new Set<string>();
  private readonly durations: Record<Step, number[]>[];
  private readonly services = new Map<string, { service: string; incidents: number; resolved: number; totalResolveMs: number }>();
  private readonly items: { open: number; done: number; cancelled: number }[];

  constructor(private readonly window: MetricsWindow, private readonly configuredSeverities: readonly string[]) {
    const n = window.weeks.length;
    this.counts = Array.from({ length: n }, () => new Map());
    this.durations = Array.from({ length: n }, () => ({ acknowledge: [], mitigate: [], resolve: [] }));
    this.items = Array.from({ length: n }, () => ({ open: 0, done: 0, cancelled: 0 }));
  }

  addIncident(incident: IncidentState): void {
    const declared = incident.milestones.declared;
    const week = declared ? weekIndexOf(this.window, declared) : -1;
    if (!declared || week < 0) return;
    const counts = this.counts[week];
    counts.set(incident.severity, (counts.get(incident.severity) ?? 0) + 1);
    this.seenSeverities.add(incident.severity);
    if (incident.status === 'declined') return;
    const since = (step: Step): number | undefined => {
      const at = incident.milestones[MILESTONE_OF[step]];
      // A milestone stamped before the declaration (an imported or backdated one) counts as at once.
      return at ? Math.max(0, at.getTime() - declared.getTime()) : undefined;
    };
    for (const step of STEPS) {
      const ms = since(step);
      if (ms !== undefined) this.durations[week][step].push(ms);
    }
    const resolveMs = since('resolve');
    // An incident naming a service twice in different case counts once for it.
    // Keyed by lower case so `checkout` and `Checkout` are one service; the first spelling is the one shown.
    const names = new Map(incident.services.map((s) => s.trim()).filter(Boolean).map((s) => [s.toLowerCase(), s] as const).reverse());
    for (const [key, name] of names) {
      const entry = this.services.get(key) ?? { service: name, incidents: 0, resolved: 0, totalResolveMs: 0 };
      entry.incidents += 1;
      if (resolveMs !== undefined) {
        entry.resolved += 1;
        entry.totalResolveMs += resolveMs;
      }
      this.services.set(key, entry);
    }
  }

  addActionItem(item: ActionItem): void {
    const week = weekIndexOf(this.window, item.createdAt);
    if (week >= 0) this.items[week][item.state] += 1;
  }

  result(): IncidentMetrics {
    const weeks = this.window.weeks.map(isoDay);
    const configured = new Set(this.configuredSeverities);
    const severities = [...this.configuredSeverities, ...[...this.seenSeverities].filter((s) => !configured.has(s)).sort()];
    const perWeek = weeks.map((week, i) => {
      const bySeverity = Object.fromEntries(severities.map((s) => [s, this.counts[i].get(s) ?? 0]));
      return { week, bySeverity, total: Object.values(bySeverity).reduce((a, b) => a + b, 0) };
    });
    const statsOf = (pick: (step: Step) => number[]): MilestoneStats =>
      ({ acknowledge: durationStats(pick('acknowledge')), mitigate: durationStats(pick('mitigate')), resolve: durationStats(pick('resolve')) });
    const services: ServiceImpact[] = [...this.services.values()]
      .sort((a, b) => b.incidents - a.incidents || b.totalResolveMs - a.totalResolveMs || a.service.localeCompare(b.service))
      .slice(0, TOP_SERVICES)
      .map((s) => ({ ...s }));
    const itemWeeks = weeks.map((week, i) => ({ week, ...totals(this.items[i]) }));
    const all = this.items.reduce((sum, w) => ({ open: sum.open + w.open, done: sum.done + w.done, cancelled: sum.cancelled + w.cancelled }), { open: 0, done: 0, cancelled: 0 });
    return {
      weeks, from: this.window.from, until: this.window.until, severities, perWeek,
      durations: {
        perWeek: weeks.map((week, i) => ({ week, ...statsOf((step) => this.durations[i][step]) })),
        overall: statsOf((step) => this.durations.flatMap((w) => w[step])),
      },
      services,
      actionItems: { perWeek: itemWeeks, overall: totals(all) },
    };
  }
}

function totals(c: { open: number; done: number; cancelled: number }): ActionItemTotals {
  const decided = c.open + c.done;
  return { open: c.open, done: c.done, cancelled: c.cancelled, ...(decided > 0 && { completionRate: c.done / decided }) };
}
