/** One benchmark's outcome, written to bench/results.json and the Markdown table. */
export interface BenchResult {
  readonly name: string;
  /** Each metric's median and spread over the repeated runs, plus any single figures. */
  readonly metrics: Readonly<Record<string, number | string>>;
  /** Ratios against the floor measured in the same run, and whether they meet their targets. */
  readonly targets?: readonly { readonly metric: string; readonly target: string; readonly actual: number; readonly met: boolean }[];
  readonly notes?: readonly string[];
  /** This suite's rows of the verdict table (issue 14's targets), printed before every suite's table. */
  readonly verdict?: readonly VerdictRow[];
}

/** One issue-14 target as the verdict table shows it. */
export interface VerdictRow {
  /** The key in report/issue14-targets.ts this row answers (rows of one key are listed together). */
  readonly targetId: string;
  /** What was aimed at, e.g. `open-loop ack p99 ≤ 1.5× durable floor (SQLite), every rate the floor sustains`. */
  readonly target: string;
  /** Ratio or median with its spread, e.g. `50/s 1.2 (1.1–1.4); 200/s …`. */
  readonly result: string;
  /** `not judged`: measured, but not in a way the target can be judged on (e.g. a partial run for the bench's total time). */
  readonly met: boolean | 'not judged';
  /** For a missed target: the measured reason, and the next fix. */
  readonly reason?: string;
  readonly nextFix?: string;
}
