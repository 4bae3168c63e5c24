/**
 * Median and 90th percentile by the nearest-rank method: the p-th percentile of n sorted values is
 * the value at rank ceil(p/100 × n) (1-based). Every answer is a duration that really happened, never
 * an interpolation between two incidents; for an even count the median is the lower middle value
 * ([10, 20, 30, 40] → median 20, p90 40). No values: no statistic (undefined), never 0.
 */
export interface DurationStats {
  /** How many incidents the statistic is over. */
  readonly count: number;
  /** Milliseconds. */
  readonly median?: number;
  readonly p90?: number;
}

export function nearestRank(sorted: readonly number[], percent: number): number | undefined {
  if (!sorted.length) return undefined;
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function durationStats(values: readonly number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return { count: 0 };
  return { count: sorted.length, median: nearestRank(sorted, 50), p90: nearestRank(sorted, 90) };
}
