import type { BenchResult } from '../bench-result';
import { findMyWayLookup, musterLookup, nsPerLookup } from '../router/lookup-timing';
import { HOT_PATHS } from '../router/route-table';
import { round, spreadMetrics, spreadOf } from '../support/stats';
import type { Suite } from './suite';

/** Ours must cost no more than the maintained router to be kept (issue 15). */
const RATIO_TARGET = 1.0;

/**
 * Issue 15: the server's router against bare find-my-way (fastify's router) on the hot paths, in one
 * process, back to back, the order alternating between repetitions. The floor is find-my-way measured
 * in the same repetition; the figure is the ratio ours ÷ find-my-way per repetition. It decided the
 * switch (the hand-written matcher measured 3–8×); now it measures what Muster's rules on top cost.
 */
export async function runHttpRouterBench(options: { lookups: number; repetitions: number }): Promise<BenchResult> {
  const ours = musterLookup();
  const theirs = findMyWayLookup();
  // Warm both up so the JIT has compiled each before the first timed loop.
  for (const hot of HOT_PATHS) {
    nsPerLookup(ours, hot.method, hot.path, hot.pattern, 20_000);
    nsPerLookup(theirs, hot.method, hot.path, hot.pattern, 20_000);
  }
  const metrics: Record<string, number> = {};
  const targets: NonNullable<BenchResult['targets']>[number][] = [];
  for (const hot of HOT_PATHS) {
    const oursNs: number[] = [];
    const theirsNs: number[] = [];
    const ratios: number[] = [];
    for (let rep = 0; rep < options.repetitions; rep++) {
      const first = rep % 2 === 0;
      const a = first ? nsPerLookup(ours, hot.method, hot.path, hot.pattern, options.lookups) : 0;
      const b = nsPerLookup(theirs, hot.method, hot.path, hot.pattern, options.lookups);
      const c = first ? a : nsPerLookup(ours, hot.method, hot.path, hot.pattern, options.lookups);
      oursNs.push(c);
      theirsNs.push(b);
      ratios.push(c / b);
    }
    Object.assign(metrics,
      spreadMetrics(`${hot.name}_ns_per_lookup_muster`, oursNs, 1),
      spreadMetrics(`${hot.name}_ns_per_lookup_find_my_way`, theirsNs, 1),
      spreadMetrics(`${hot.name}_ratio`, ratios, 2));
    const ratio = spreadOf(ratios).median;
    targets.push({ metric: `${hot.name}_ratio`, target: `<= ${RATIO_TARGET}`, actual: round(ratio, 2), met: ratio <= RATIO_TARGET });
  }
  return {
    name: 'http-router',
    metrics,
    targets,
    notes: [`${options.lookups} lookups per measurement, ${options.repetitions} repetitions; the server's route table as in src/router/route-table.ts.`],
  };
}

export const httpRouterSuite: Suite = {
  name: 'http-router',
  summary: "the server's router lookup vs find-my-way on POST /slack/events, POST /webhooks/:pluginId, GET /api/v1/incidents/:ref",
  run: ({ quick }) => runHttpRouterBench(quick ? { lookups: 20_000, repetitions: 3 } : { lookups: 200_000, repetitions: 9 }),
};
