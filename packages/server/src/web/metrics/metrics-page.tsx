import { MAX_METRIC_WEEKS, MIN_METRIC_WEEKS, type IncidentMetrics } from '@muster/core';
import type { ComponentChildren } from 'preact';
import { Layout } from '../layout';
import type { WebRequest } from '../web-routing';
import { JsonDataBlock } from '../json-data-block';
import { chartDataOf } from './metrics-chart-data';
import type { MetricChart } from './metrics-csv';
import { ActionItemsTable, DurationsOverallTable, DurationsPerWeekTable, IncidentsPerWeekTable, ServicesTable } from './metrics-tables';

export const METRICS_PAGE_PATH = '/metrics/incidents';

/** One chart: its heading, the canvas metrics-charts.ts draws on (hidden from screen readers), its table and CSV. */
function ChartSection({ id, title, weeks, intro, children }: { id: MetricChart; title: string; weeks: number; intro?: string; children: ComponentChildren }) {
  return (
    <section class="metric" aria-labelledby={`heading-${id}`}>
      <h2 id={`heading-${id}`}>{title}</h2>
      {intro && <p class="muted">{intro}</p>}
      <div class="chart"><canvas id={`chart-${id}`} aria-hidden="true" /></div>
      {children}
      <p><a href={`/metrics/${id}.csv?weeks=${weeks}`} download>Download {title.toLowerCase()} as CSV</a></p>
    </section>
  );
}

/**
 * `/metrics/incidents`: four charts over the incidents the viewer may see. The numbers are in the page
 * twice: as tables (work without JavaScript, read by screen readers) and as JSON for the charts.
 */
export function MetricsPage({ w, m, weeks }: { w: WebRequest; m: IncidentMetrics; weeks: number }) {
  const total = m.perWeek.reduce((n, week) => n + week.total, 0);
  return (
    <Layout title="Metrics" session={w.session} csrf={w.csrf} area="metrics" scripts={['metrics-charts.js']}>
      <h1>Incident metrics</h1>
      <form method="get" action={METRICS_PAGE_PATH} class="filters window-form">
        <div>
          <label for="weeks">Weeks to show ({MIN_METRIC_WEEKS}–{MAX_METRIC_WEEKS})</label>
          <input id="weeks" name="weeks" type="number" inputMode="numeric" min={MIN_METRIC_WEEKS} max={MAX_METRIC_WEEKS} step={1} value={weeks} required />
        </div>
        <div><button type="submit">Show</button></div>
      </form>
      <p class="muted" id="metrics-summary">
        {total === 1 ? '1 incident' : `${total} incidents`} declared from {m.weeks[0]} to {m.until.toISOString().slice(0, 10)}, of those you may see
        (a private incident counts only for its participants and admins). Weeks start on Monday (UTC); durations are measured from the
        declaration; declined incidents are counted but not timed.
      </p>
      <ChartSection id="incidents-per-week" title="Incidents per week" weeks={weeks}>
        <IncidentsPerWeekTable m={m} />
      </ChartSection>
      <ChartSection id="durations" title="Response times" weeks={weeks} intro="Median and 90th percentile (nearest rank) of the incidents declared each week that reached the step.">
        <DurationsOverallTable m={m} />
        <DurationsPerWeekTable m={m} />
      </ChartSection>
      <ChartSection id="services" title="Top affected services" weeks={weeks}>
        <ServicesTable m={m} />
      </ChartSection>
      <ChartSection id="action-items" title="Action items" weeks={weeks} intro="Follow-ups of these incidents by the week they were created; completion is done out of open and done.">
        <ActionItemsTable m={m} />
      </ChartSection>
      <JsonDataBlock id="metrics-data" value={chartDataOf(m)} />
    </Layout>
  );
}
