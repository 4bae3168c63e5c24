/** Small statistics over repeated measurements: medians, spreads and nearest-rank percentiles. */

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Nearest-rank percentile (p in 0..100) of unsorted samples: the value at least p% of samples are
 * at or below. With 1,000 samples p99 is the 990th smallest, so it reflects ten slow requests, not one.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export const round = (n: number, digits: number): number => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

/** `{name}_median`, `{name}_min`, `{name}_max`: the shape the Markdown report groups into one row. */
export function spreadMetrics(name: string, values: readonly number[], digits = 2): Record<string, number> {
  const s = spreadOf(values);
  return { [`${name}_median`]: round(s.median, digits), [`${name}_min`]: round(s.min, digits), [`${name}_max`]: round(s.max, digits) };
}
