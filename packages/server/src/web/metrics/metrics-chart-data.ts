import type { DurationStats, IncidentMetrics } from '@muster/core';
import type { MetricsChartData } from '@muster/web';

const minutes = (d: DurationStats, pick: 'median' | 'p90'): number | null => {
  const ms = d[pick];
  return ms === undefined ? null : Math.round(ms / 6000) / 10;
};

/** The charts' share of the metrics (see MetricsChartData): only numbers, week names and service names. */
export function chartDataOf(m: IncidentMetrics): MetricsChartData {
  const step = (s: 'acknowledge' | 'mitigate' | 'resolve') => ({
    median: m.durations.perWeek.map((w) => minutes(w[s], 'median')),
    p90: m.durations.perWeek.map((w) => minutes(w[s], 'p90')),
  });
  return {
    weeks: m.weeks,
    perWeek: { severities: m.severities, counts: m.severities.map((s) => m.perWeek.map((w) => w.bySeverity[s] ?? 0)) },
    durations: { acknowledge: step('acknowledge'), mitigate: step('mitigate'), resolve: step('resolve') },
    services: { names: m.services.map((s) => s.service), incidents: m.services.map((s) => s.incidents) },
    actionItems: { open: m.actionItems.perWeek.map((w) => w.open), done: m.actionItems.perWeek.map((w) => w.done) },
  };
}

