import { percentile } from '../support/stats';
/**
 * A closed-loop load generator: `concurrency` clients, each sending its next request as soon as the
 * previous one is answered, until `requests` have been sent or `deadlineMs` has passed (whichever
 * first; every loop is bounded in count and in time).
 */
export interface LoadOptions {
  readonly requests: number;
  readonly concurrency: number;
  readonly deadlineMs: number;
  /** Sends request number `i` (0-based, each number once) and resolves with its outcome. */
  readonly send: (i: number) => Promise<{ readonly status: number; readonly ms: number }>;
  readonly onProgress?: (done: number) => void;
}

export interface LoadOutcome {
  /** Latencies (ms) of the requests answered 200, in the order they were answered. */
  readonly latencies: number[];
  /** Latency of request i (ms) at index i; NaN when it was not answered 200 or never sent. */
  readonly latencyByRequest: Float64Array;
  /** Answers by HTTP status; 0 for a request that failed without one (reset, timeout). */
  readonly statuses: Readonly<Record<number, number>>;
  readonly sent: number;
  readonly wallMs: number;
  /** True when the deadline stopped the loop before every request was sent. */
  readonly cutShort: boolean;
  readonly firstError?: string;
}

export async function runClosedLoop(options: LoadOptions): Promise<LoadOutcome> {
  const latencies: number[] = [];
  const latencyByRequest = new Float64Array(options.requests).fill(Number.NaN);
  const statuses: Record<number, number> = {};
  let next = 0;
  let done = 0;
  let cutShort = false;
  let firstError: string | undefined;
  const started = performance.now();
  const until = Date.now() + options.deadlineMs;

  const client = async () => {
    for (;;) {
      if (next >= options.requests) return;
      if (Date.now() > until) {
        cutShort = true;
        return;
      }
      const i = next++;
      let status = 0;
      try {
        const answer = await options.send(i);
        status = answer.status;
        if (status === 200) {
          latencies.push(answer.ms);
          latencyByRequest[i] = answer.ms;
        }
      } catch (error) {
        firstError ??= (error as Error).message;
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
      options.onProgress?.(++done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return { latencies, latencyByRequest, statuses, sent: next, wallMs: performance.now() - started, cutShort, ...(firstError ? { firstError } : {}) };
}

/** `200×998, 500×2`: what a phase was answered, for notes. */
export function describeStatuses(statuses: Readonly<Record<number, number>>): string {
  return Object.entries(statuses).map(([status, n]) => `${status === '0' ? 'no answer' : status}×${n}`).join(', ');
}

/** The latency figures every ack phase reports. */
export interface PhaseFigures {
  readonly p50: number;
  readonly p99: number;
  /** p99 without the first two requests of each client (connection set-up, the first burst). */
  readonly p99AfterBurst: number;
  readonly perSecond: number;
  readonly cpuMsPerRequest: number;
}

/**
 * A phase's figures from its outcome and the server's CPU over it; throws, naming the statuses seen
 * (and an odd answer when one was kept), when no request was answered 200.
 */
export function phaseFigures(tag: string, outcome: LoadOutcome, concurrency: number, cpuMs: number, sampleOddAnswer?: string): PhaseFigures {
  if (outcome.latencies.length === 0) {
    throw new Error(`${tag}: no request was answered 200 (${describeStatuses(outcome.statuses)}${outcome.firstError ? `; ${outcome.firstError}` : ''}${sampleOddAnswer ? `; e.g. ${sampleOddAnswer}` : ''})`);
  }
  return {
    p50: percentile(outcome.latencies, 50), p99: percentile(outcome.latencies, 99),
    p99AfterBurst: percentile([...outcome.latencyByRequest.subarray(2 * concurrency)].filter((ms) => !Number.isNaN(ms)), 99),
    perSecond: (outcome.latencies.length / outcome.wallMs) * 1000, cpuMsPerRequest: cpuMs / outcome.sent,
  };
}
