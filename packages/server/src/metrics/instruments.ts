import type { Labels, MetricFamily, Sample } from './exposition';

/** Series are keyed by their label values in a fixed order, so `{a,b}` and `{b,a}` are one series. */
const keyOf = (labelNames: readonly string[], labels: Labels): string => labelNames.map((n) => labels[n] ?? '').join('\u0000');
const labelsOf = (labelNames: readonly string[], key: string): Record<string, string> => {
  const values = key.split('\u0000');
  return Object.fromEntries(labelNames.map((n, i) => [n, values[i]]));
};

export class Counter {
  private readonly series = new Map<string, number>();

  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[]) {}

  inc(labels: Labels, by = 1): void {
    if (by < 0) throw new Error('A counter only goes up');
    const key = keyOf(this.labelNames, labels);
    this.series.set(key, (this.series.get(key) ?? 0) + by);
  }

  /** Pre-declares a series at zero, so it is scraped before anything happened (rates need a start). */
  touch(labels: Labels): void {
    const key = keyOf(this.labelNames, labels);
    if (!this.series.has(key)) this.series.set(key, 0);
  }

  collect(): MetricFamily {
    const samples = [...this.series].map(([key, value]) => ({ name: this.name, labels: labelsOf(this.labelNames, key), value }));
    return { name: this.name, help: this.help, type: 'counter', samples };
  }
}

export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface HistogramSeries {
  readonly counts: number[];
  sum: number;
  count: number;
}

/** Cumulative buckets ending at +Inf, plus `_sum` and `_count`, per label set. */
export class Histogram {
  private readonly series = new Map<string, HistogramSeries>();

  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[], readonly buckets: readonly number[] = HTTP_DURATION_BUCKETS) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(this.labelNames, labels);
    let s = this.series.get(key);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    this.buckets.forEach((bound, i) => { if (value <= bound) s!.counts[i]++; });
    s.sum += value;
    s.count++;
  }

  collect(): MetricFamily {
    const samples: Sample[] = [];
    for (const [key, s] of this.series) {
      const labels = labelsOf(this.labelNames, key);
      this.buckets.forEach((bound, i) => samples.push({ name: `${this.name}_bucket`, labels: { ...labels, le: String(bound) }, value: s.counts[i] }));
      samples.push({ name: `${this.name}_bucket`, labels: { ...labels, le: '+Inf' }, value: s.count });
      samples.push({ name: `${this.name}_sum`, labels, value: s.sum });
      samples.push({ name: `${this.name}_count`, labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: 'histogram', samples };
  }
}
