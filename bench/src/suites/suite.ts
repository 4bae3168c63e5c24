import type { BenchResult } from '../bench-result';
import type { Progress } from '../support/progress';

export interface SuiteOptions {
  /** A smoke run: fewer requests and repetitions; the figures are not worth quoting. */
  readonly quick: boolean;
  readonly progress: Progress;
}

export interface Suite {
  readonly name: string;
  /** One line for `--help` and the README. */
  readonly summary: string;
  run(options: SuiteOptions): Promise<BenchResult>;
  /**
   * Carries no target: it explains a missed one with numbers (where the CPU goes, what a variant
   * would gain). Left out of a full run, to keep it under 25 minutes; run with `--diagnostics` or `--only`.
   */
  readonly diagnostic?: boolean;
}

/**
 * A suite that could not be measured at all (a database down, a part missing), as opposed to one
 * that ran and missed its target. The runner reports the message as is and exits non-zero.
 */
export class SuiteCannotRun extends Error {
  override readonly name = 'SuiteCannotRun';
}
