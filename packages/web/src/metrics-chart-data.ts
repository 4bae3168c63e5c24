/**
 * What the metrics page hands its charts: the JSON in `<script type="application/json"
 * id="metrics-data">`, written by @muster/server and read by browser/metrics-charts.ts. Durations are
 * minutes; `null` marks a week without a value (no incident reached that milestone), drawn as a gap.
 */
export interface MetricsChartData {
  /** Monday of each week, oldest first (`2026-11-30`). */
  readonly weeks: readonly string[];
  readonly perWeek: {
    readonly severities: readonly string[];
    /** `counts[s][w]`: incidents of severity `severities[s]` declared in week `w`. */
    readonly counts: readonly (readonly number[])[];
  };
  readonly durations: Readonly<Record<'acknowledge' | 'mitigate' | 'resolve', {
    readonly median: readonly (number | null)[];
    readonly p90: readonly (number | null)[];
  }>>;
  readonly services: {
    readonly names: readonly string[];
    readonly incidents: readonly number[];
  };
  readonly actionItems: {
    readonly open: readonly number[];
    readonly done: readonly number[];
  };
}
