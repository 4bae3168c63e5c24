/** One benchmark's outcome, written to bench/results.json and the Markdown table. */
export interface BenchResult {
  readonly name: string;
  /** Each metric's median and spread over the repeated runs, plus any single figures. */
  readonly metrics: Readonly<Record<string, number | string>>;
  /** Ratios against the floor measured in the same run, and whether they meet their targets. */
  readonly targets?: readonly { readonly metric: string; readonly target: string; readonly actual: number; readonly met: boolean }[];
  readonly notes?: readonly string[];
}
