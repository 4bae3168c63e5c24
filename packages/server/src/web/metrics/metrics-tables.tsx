import type { DurationStats, IncidentMetrics } from '@muster/core';
import type { ComponentChildren } from 'preact';
import { humanDuration } from './human-duration';

/**
 * The numbers behind each chart as plain tables: what a screen reader reads (the canvases are hidden
 * from it) and what a browser without JavaScript shows. A wide table scrolls inside a focusable
 * region, so it is reachable by keyboard on a phone without widening the page.
 */
function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

const percent = (rate: number | undefined): string => (rate === undefined ? '—' : `${Math.round(rate * 100)} %`);

export function IncidentsPerWeekTable({ m }: { m: IncidentMetrics }) {
  return (
    <Scroll label="Incidents per week, table">
      <table id="table-incidents-per-week">
        <caption class="visually-hidden">Incidents declared per week, by severity</caption>
        <thead><tr><th scope="col">Week of</th>{m.severities.map((s) => <th scope="col">{s}</th>)}<th scope="col">Total</th></tr></thead>
        <tbody>
          {m.perWeek.map((w) => <tr><th scope="row">{w.week}</th>{m.severities.map((s) => <td>{w.bySeverity[s] ?? 0}</td>)}<td>{w.total}</td></tr>)}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All weeks</th>
            {m.severities.map((s) => <td>{m.perWeek.reduce((n, w) => n + (w.bySeverity[s] ?? 0), 0)}</td>)}
            <td>{m.perWeek.reduce((n, w) => n + w.total, 0)}</td>
          </tr>
        </tfoot>
      </table>
    </Scroll>
  );
}

const STEPS = [
  { id: 'acknowledge', label: 'Time to acknowledge' },
  { id: 'mitigate', label: 'Time to mitigate' },
  { id: 'resolve', label: 'Time to resolve' },
] as const;

/** Over the whole window: for each step, how many incidents reached it, their median and p90. */
export function DurationsOverallTable({ m }: { m: IncidentMetrics }) {
  return (
    <Scroll label="Durations over the whole window, table">
      <table id="table-durations-overall">
        <caption class="visually-hidden">Durations from declaration, over all weeks shown</caption>
        <thead><tr><th scope="col">From declaration</th><th scope="col">Incidents</th><th scope="col">Median</th><th scope="col">90th percentile</th></tr></thead>
        <tbody>
          {STEPS.map((s) => {
            const d: DurationStats = m.durations.overall[s.id];
            return <tr><th scope="row">{s.label}</th><td>{d.count}</td><td>{humanDuration(d.median)}</td><td>{humanDuration(d.p90)}</td></tr>;
          })}
        </tbody>
      </table>
    </Scroll>
  );
}

export function DurationsPerWeekTable({ m }: { m: IncidentMetrics }) {
  return (
    <Scroll label="Durations per week, table">
      <table id="table-durations">
        <caption class="visually-hidden">Median and 90th percentile durations per week</caption>
        <thead>
          <tr><th scope="col">Week of</th>{STEPS.map((s) => [<th scope="col">{s.label}, median</th>, <th scope="col">{s.label}, p90</th>])}</tr>
        </thead>
        <tbody>
          {m.durations.perWeek.map((w) => (
            <tr><th scope="row">{w.week}</th>{STEPS.map((s) => [<td>{humanDuration(w[s.id].median)}</td>, <td>{humanDuration(w[s.id].p90)}</td>])}</tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}

export function ServicesTable({ m }: { m: IncidentMetrics }) {
  if (!m.services.length) return <p class="muted" id="table-services">No incident in these weeks named an affected service.</p>;
  return (
    <Scroll label="Top affected services, table">
      <table id="table-services">
        <caption class="visually-hidden">Most affected services</caption>
        <thead><tr><th scope="col">Service</th><th scope="col">Incidents</th><th scope="col">Resolved</th><th scope="col">Total time to resolve</th></tr></thead>
        <tbody>
          {m.services.map((s) => <tr><th scope="row">{s.service}</th><td>{s.incidents}</td><td>{s.resolved}</td><td>{humanDuration(s.resolved ? s.totalResolveMs : undefined)}</td></tr>)}
        </tbody>
      </table>
    </Scroll>
  );
}

export function ActionItemsTable({ m }: { m: IncidentMetrics }) {
  const all = m.actionItems.overall;
  return (
    <Scroll label="Action items per week, table">
      <table id="table-action-items">
        <caption class="visually-hidden">Action items by the week they were created</caption>
        <thead><tr><th scope="col">Week created</th><th scope="col">Open</th><th scope="col">Done</th><th scope="col">Cancelled</th><th scope="col">Completion</th></tr></thead>
        <tbody>
          {m.actionItems.perWeek.map((w) => <tr><th scope="row">{w.week}</th><td>{w.open}</td><td>{w.done}</td><td>{w.cancelled}</td><td>{percent(w.completionRate)}</td></tr>)}
        </tbody>
        <tfoot><tr><th scope="row">All weeks</th><td>{all.open}</td><td>{all.done}</td><td>{all.cancelled}</td><td>{percent(all.completionRate)}</td></tr></tfoot>
      </table>
    </Scroll>
  );
}
