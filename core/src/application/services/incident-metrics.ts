import { inject, injectable } from 'inversify';
import { AccessPolicy } from '../access/access-policy';
import { TOKENS } from '../container/tokens';
import type { MusterSettings } from '../container/settings';
import type { RequestContext } from '../incidents/request-context';
import type { IncidentMetrics } from '../metrics/incident-metrics.model';
import { MetricsAccumulator } from '../metrics/metrics-accumulator';
import { metricsWindow } from '../metrics/metric-weeks';
import type { Clock } from '../ports/system.port';
import type { Repositories } from '../ports/unit-of-work.port';

/** Incidents read per store query; also bounds the `IN (…)` lists of the roles and action item queries. */
export const METRICS_PAGE_SIZE = 500;

/**
 * The metrics of the incidents a viewer may see, over the last `weeks` weeks (Monday UTC). The store
 * picks the tenant and the window (`declaredFrom`); every incident then passes the one access
 * decision, so a private incident counts only for its participants and admins, and its action items
 * are read only once it has passed. Timelines are never read: milestones are on the incident.
 *
 * Cost: ceil(n / 500) pages of incidents (newest first, by number) plus one action item query per
 * page; memory is one page plus one number per reached milestone. 10,000 incidents in a window:
 * 20 incident queries, 20 role queries, 20 action item queries.
 */
@injectable()
export class IncidentMetricsReport {
  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
  ) {}

  async execute(ctx: RequestContext, weeks?: number): Promise<IncidentMetrics> {
    const window = metricsWindow(this.clock.now(), weeks);
    const metrics = new MetricsAccumulator(window, this.settings.severities.levels.map((l) => l.id));
    const tenantId = this.access.tenantOf(ctx);
    let beforeNumber: number | undefined;
    for (;;) {
      const page = await this.repos.incidents.list({ tenantId, declaredFrom: window.from, limit: METRICS_PAGE_SIZE, ...(beforeNumber !== undefined && { beforeNumber }) });
      const visible = page.filter((i) => this.access.canSee(ctx, i));
      for (const incident of visible) metrics.addIncident(incident.snapshot());
      if (visible.length) for (const item of await this.repos.actionItems.listByIncidents(visible.map((i) => i.id))) metrics.addActionItem(item);
      if (page.length < METRICS_PAGE_SIZE) break;
      beforeNumber = page[page.length - 1].snapshot().number;
    }
    return metrics.result();
  }
}
