import type { DurationStats, IncidentMetrics } from '@muster/core';
import { csvDocument, type CsvCell } from './csv';

/** The charts of the metrics page, each downloadable as `/metrics/<id>.csv`. */
export const METRIC_CHARTS = ['incidents-per-week', 'durations', 'services', 'action-items'] as const;
export type MetricChart = (typeof METRIC_CHARTS)[number];

const seconds = (ms: number | undefined): CsvCell => (ms === undefined ? undefined : Math.round(ms / 1000));
const STEPS = ['acknowledge', 'mitigate', 'resolve'] as const;

/**
 * One chart's numbers as CSV: a header row naming each column and its unit (durations in whole
 * seconds), weeks as ISO dates of their Monday (UTC), an empty field where there is no value.
 */
export function metricsCsv(chart: MetricChart, m: IncidentMetrics): string {
  switch (chart) {
    case 'incidents-per-week':
      return csvDocument(['week_start', ...m.severities, 'total'], m.perWeek.map((w) => [w.week, ...m.severities.map((s) => w.bySeverity[s] ?? 0), w.total]));
    case 'durations': {
      const header = ['week_start', ...STEPS.flatMap((s) => [`${s}_count`, `${s}_median_seconds`, `${s}_p90_seconds`])];
      const cells = (d: DurationStats): CsvCell[] => [d.count, seconds(d.median), seconds(d.p90)];
      return csvDocument(header, m.durations.perWeek.map((w) => [w.week, ...STEPS.flatMap((s) => cells(w[s]))]));
    }
    case 'services':
      return csvDocument(['service', 'incidents', 'resolved', 'total_time_to_resolve_seconds'], m.services.map((s) => [s.service, s.incidents, s.resolved, seconds(s.totalResolveMs)]));
    case 'action-items':
      return csvDocument(['week_created', 'open', 'done', 'cancelled', 'completion_percent'],
        m.actionItems.perWeek.map((w) => [w.week, w.open, w.done, w.cancelled, w.completionRate === undefined ? undefined : Math.round(w.completionRate * 1000) / 10]));
  }
}
