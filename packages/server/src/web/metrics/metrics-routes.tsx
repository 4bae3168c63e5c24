import { IncidentMetricsReport, parseMetricWeeks } from '@muster/core';
import type { Router } from '../../http/router';
import type { WebDeps } from '../web-deps';
import { htmlPage } from '../web-html';
import { METRIC_CHARTS, metricsCsv } from './metrics-csv';
import { METRICS_PAGE_PATH, MetricsPage } from './metrics-page';

/**
 * The metrics page and one CSV per chart. `/metrics` itself stays Prometheus's (ops-routes.ts); the
 * page lives under it at /metrics/incidents. Both read the viewer's metrics through core's
 * IncidentMetricsReport, which applies the one access decision to every incident.
 */
export function registerMetricsRoutes(router: Router, deps: WebDeps): void {
  const report = deps.container.get(IncidentMetricsReport);

  router.get(METRICS_PAGE_PATH, deps.web.page(async (w) => {
    const weeks = parseMetricWeeks(w.url.searchParams.get('weeks'));
    const m = await report.execute(await w.context(), weeks);
    return htmlPage(200, <MetricsPage w={w} m={m} weeks={weeks} />);
  }));

  for (const chart of METRIC_CHARTS) {
    router.get(`/metrics/${chart}.csv`, deps.web.page(async (w) => {
      const weeks = parseMetricWeeks(w.url.searchParams.get('weeks'));
      const m = await report.execute(await w.context(), weeks);
      const name = `muster-${chart}-${m.weeks[0]}-to-${m.until.toISOString().slice(0, 10)}.csv`;
      return {
        status: 200,
        text: metricsCsv(chart, m),
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' },
      };
    }));
  }
}
