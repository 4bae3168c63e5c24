import { join } from 'node:path';
import type { BenchResult } from '../bench-result';
import { describeStatuses } from '../http/closed-loop';
import { ScratchDatabases } from '../mariadb/scratch-databases';
import type { OutboxCounts } from '../processes/muster-server.main';
import { startSlackTargets, type SlackTargets } from '../slack/slack-targets';
import { round, spreadMetrics, spreadOf } from '../support/stats';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import { runAckPhase, type AckPhase } from './ack-phase';
import type { Suite, SuiteOptions } from './suite';

const CONCURRENCIES = [1, 32] as const;
/** `muster_outbox_paused` is a diagnostic: the same server with its outbox pump held, to show what room set-up costs the acks. */
const TARGETS = ['bare', 'muster', 'muster_outbox_paused'] as const;
type AckTarget = (typeof TARGETS)[number];
const RATIO_TARGET = 1.25;
/** "Far inside 3 s": a tenth of Slack's deadline (issue 4). */
const ABSOLUTE_P99_TARGET_MS = 300;
/** Issue 14: p99 under 100 ms at 32 closed-loop clients (the verdict's row; the ratio targets are context there). */
const C32_P99_TARGET_MS = 100;

export const ackLatencySqliteSuite: Suite = {
  name: 'ack-latency',
  summary: '/incident declare acked by the whole Muster server (SQLite file) vs a bare Bolt app that only acks: p50/p99 at 1 and 32 clients',
  run: (options) => runAckLatency('sqlite', options),
};

export const ackLatencyMariaDbSuite: Suite = {
  name: 'ack-latency-mariadb',
  summary: 'the same as ack-latency, with Muster on MariaDB at 127.0.0.1:3306',
  run: (options) => runAckLatency('mariadb', options),
};

interface Plan { readonly requests: number; readonly repetitions: number; readonly warmup: number; readonly deadlineMs: number }

async function runAckLatency(database: 'sqlite' | 'mariadb', options: SuiteOptions): Promise<BenchResult> {
  const plan: Plan = options.quick
    ? { requests: 200, repetitions: 2, warmup: 50, deadlineMs: 60_000 }
    // 3 repetitions (was 5), to keep `npm run bench` under 25 min. SQLite's 32-client p99 was 2.4× its 100 ms target
    // and every ratio 3–14× its 1.25 (README, 2026-11-22): no verdict there turns on two more. MariaDB's 79 ms
    // (63–156) sits near 100 ms: its median of 3 can land either side, as a median of 5 could.
    // Fewer requests per phase (was 1,000 on both): the MariaDB suite took 433 s of a 39-minute full run on
    // 2026-12-02, most of it draining each phase's room set-ups; a p99 of 400 is still the 4th-worst answer.
    : { requests: database === 'sqlite' ? 600 : 400, repetitions: 3, warmup: database === 'sqlite' ? 200 : 100, deadlineMs: 120_000 };
  const { progress } = options;
  const dir = makeTempDir('ack');
  const scratch = database === 'mariadb' ? await ScratchDatabases.connect() : undefined;
  let targets: SlackTargets | undefined;
  try {
    const databaseUrl = scratch ? scratch.url(await scratch.create()) : `sqlite:${join(dir, 'muster.db')}`;
    targets = await startSlackTargets({ dir, databaseUrl, progress });
    const t = targets;

    // Warm-up (not recorded): JIT, connection pools, the database's pages.
    progress.line(`  warm-up: ${plan.warmup} declarations on each target`);
    for (const target of [t.bare, t.muster]) await runAckPhase(target, t.workspace, { concurrency: 8, requests: plan.warmup, deadlineMs: plan.deadlineMs, tag: 'warm-up', expectDeclared: target === t.muster });
    await t.muster.call<OutboxCounts>('drainOutbox', 120_000, 130_000);

    const phases: Record<string, AckPhase[]> = {};
    const pendingAfterPhase: number[] = [];
    const drainSeconds: number[] = [];
    const notes: string[] = [];
    for (let rep = 0; rep < plan.repetitions; rep++) {
      for (const concurrency of CONCURRENCIES) {
        // Rotate which target goes first, so a drift in the machine's load favours none.
        const order = TARGETS.map((_, i) => TARGETS[(i + rep) % TARGETS.length]);
        const got: Partial<Record<AckTarget, AckPhase>> = {};
        for (const which of order) {
          const target = which === 'bare' ? t.bare : t.muster;
          if (which === 'muster_outbox_paused') await t.muster.call('pausePump');
          const phase = await runAckPhase(target, t.workspace, {
            concurrency, requests: plan.requests, deadlineMs: plan.deadlineMs, tag: `r${rep + 1}c${concurrency}${which}`, expectDeclared: which !== 'bare',
            onProgress: progress.ticker(`${which} c=${concurrency}`, plan.requests),
          });
          got[which] = phase;
          (phases[`c${concurrency}_${which}`] ??= []).push(phase);
          if (phase.outcome.cutShort || phase.outcome.latencies.length < plan.requests) {
            notes.push(`${which} at ${concurrency} clients, repetition ${rep + 1}: ${phase.outcome.latencies.length} of ${plan.requests} answered 200 (${describeStatuses(phase.outcome.statuses)})${phase.outcome.cutShort ? ', cut short by the deadline' : ''}.`);
          }
          if (phase.wrongAnswers) notes.push(`${phase.wrongAnswers} Muster answers were not a declaration, e.g. ${JSON.stringify(phase.sampleAnswer)}`);
          if (which === 'muster') pendingAfterPhase.push((await t.muster.call<OutboxCounts>('outbox')).pending);
          if (which === 'muster_outbox_paused') await t.muster.call('resumePump');
          if (which !== 'bare') {
            // Let room set-up finish before the next phase, so no phase is measured under another's backlog.
            const drainStarted = Date.now();
            await t.muster.call<OutboxCounts>('drainOutbox', 120_000, 130_000);
            if (which === 'muster') drainSeconds.push((Date.now() - drainStarted) / 1000);
          }
        }
        const bare = got.bare as AckPhase;
        const muster = got.muster as AckPhase;
        const paused = got.muster_outbox_paused as AckPhase;
        progress.line(`  repetition ${rep + 1}/${plan.repetitions}, ${concurrency} client(s): p50/p99 bare ${bare.p50.toFixed(2)}/${bare.p99.toFixed(2)} ms, muster ${muster.p50.toFixed(2)}/${muster.p99.toFixed(2)} ms, p99 ratio ${(muster.p99 / bare.p99).toFixed(2)}; outbox held: ${paused.p50.toFixed(2)}/${paused.p99.toFixed(2)} ms`);
      }
    }

    const outbox = await t.muster.call<OutboxCounts>('outbox');
    const slackCalls = await t.fakeSlack.call<Record<string, number>>('calls');
    const metrics: Record<string, number | string> = { database: database === 'sqlite' ? 'SQLite file (embedded default)' : `MariaDB ${await scratch?.version()}`, requests_per_phase: plan.requests, repetitions: plan.repetitions };
    const targetsMet: NonNullable<BenchResult['targets']>[number][] = [];
    for (const c of CONCURRENCIES) {
      const bare = phases[`c${c}_bare`];
      const muster = phases[`c${c}_muster`];
      Object.assign(metrics,
        spreadMetrics(`c${c}_p50_ms_bare`, bare.map((p) => p.p50)), spreadMetrics(`c${c}_p50_ms_muster`, muster.map((p) => p.p50)),
        spreadMetrics(`c${c}_p99_ms_bare`, bare.map((p) => p.p99)), spreadMetrics(`c${c}_p99_ms_muster`, muster.map((p) => p.p99)),
        spreadMetrics(`c${c}_p99_ms_after_first_burst_bare`, bare.map((p) => p.p99AfterBurst)),
        spreadMetrics(`c${c}_p99_ms_after_first_burst_muster`, muster.map((p) => p.p99AfterBurst)),
        spreadMetrics(`c${c}_p99_ratio_after_first_burst`, muster.map((p, i) => p.p99AfterBurst / bare[i].p99AfterBurst)),
        spreadMetrics(`c${c}_p50_ratio`, muster.map((p, i) => p.p50 / bare[i].p50)),
        spreadMetrics(`c${c}_p99_ratio`, muster.map((p, i) => p.p99 / bare[i].p99)),
        spreadMetrics(`c${c}_requests_per_s_bare`, bare.map((p) => p.perSecond), 0), spreadMetrics(`c${c}_requests_per_s_muster`, muster.map((p) => p.perSecond), 0),
        spreadMetrics(`c${c}_p50_ms_muster_outbox_paused`, phases[`c${c}_muster_outbox_paused`].map((p) => p.p50)),
        spreadMetrics(`c${c}_p99_ms_muster_outbox_paused`, phases[`c${c}_muster_outbox_paused`].map((p) => p.p99)),
        spreadMetrics(`c${c}_p99_ratio_outbox_paused`, phases[`c${c}_muster_outbox_paused`].map((p, i) => p.p99 / bare[i].p99)),
        spreadMetrics(`c${c}_event_loop_delay_p99_ms_muster`, muster.map((p) => p.loopDelay?.p99 ?? Number.NaN), 1),
        spreadMetrics(`c${c}_event_loop_delay_max_ms_muster`, muster.map((p) => p.loopDelay?.max ?? Number.NaN), 1),
        spreadMetrics(`c${c}_event_loop_delay_max_ms_muster_outbox_paused`, phases[`c${c}_muster_outbox_paused`].map((p) => p.loopDelay?.max ?? Number.NaN), 1),
        spreadMetrics(`c${c}_server_cpu_ms_per_request_bare`, bare.map((p) => p.cpuMsPerRequest), 3), spreadMetrics(`c${c}_server_cpu_ms_per_request_muster`, muster.map((p) => p.cpuMsPerRequest), 3),
        spreadMetrics(`c${c}_server_cpu_ms_per_request_muster_outbox_paused`, phases[`c${c}_muster_outbox_paused`].map((p) => p.cpuMsPerRequest), 3),
        // The store's own counters (muster_store_commits_total / units_total): with the outbox held every
        // unit is a declaration, so this is how many declarations shared each COMMIT.
        spreadMetrics(`c${c}_commits_per_declaration_outbox_paused`, phases[`c${c}_muster_outbox_paused`].map((p) => (p.commits ? p.commits.groups / p.outcome.latencies.length : Number.NaN)), 3),
        spreadMetrics(`c${c}_units_per_commit_muster`, muster.map((p) => (p.commits && p.commits.groups > 0 ? p.commits.units / p.commits.groups : Number.NaN)), 2),
      );
      const ratio = spreadOf(muster.map((p, i) => p.p99 / bare[i].p99)).median;
      targetsMet.push({ metric: `c${c}_p99_ratio`, target: `<= ${RATIO_TARGET}`, actual: round(ratio, 2), met: ratio <= RATIO_TARGET });
      const p99 = spreadOf(muster.map((p) => p.p99)).median;
      const limit = c === 32 ? C32_P99_TARGET_MS : ABSOLUTE_P99_TARGET_MS;
      targetsMet.push({ metric: `c${c}_p99_ms_muster`, target: `<= ${limit} ms`, actual: round(p99, 2), met: p99 <= limit });
    }
    Object.assign(metrics,
      spreadMetrics('outbox_pending_right_after_phase', pendingAfterPhase, 0),
      spreadMetrics('outbox_drain_s_after_phase', drainSeconds, 1),
      { outbox_done_at_end: outbox.done, outbox_pending_at_end: outbox.pending, outbox_dead_at_end: outbox.dead },
    );
    return {
      name: database === 'sqlite' ? ackLatencySqliteSuite.name : ackLatencyMariaDbSuite.name,
      metrics,
      targets: targetsMet,
      notes: [
        `Each phase: ${plan.requests} signed \`/incident declare Checkout errors <tag> <i> --sev SEV2\` POSTs to /slack/events over a keep-alive http.Agent (one socket per client), closed loop; latency = request written to last byte of the ack. Repeated ${plan.repetitions} times, bare and Muster alternating which goes first; ratios are per repetition, then the median.`,
        'Muster: the whole server in its own process (HTTPReceiver with processBeforeResponse, core, store with group commit, ack after commit); the outbox pump runs as in production against the fake Slack Web API (own process), announcing each incident. Bare: the same Bolt version and HTTPReceiver options, a listener that only acks, on its own node:http server.',
        `Between phases the outbox is drained (median ${round(spreadOf(drainSeconds).median, 1)} s), so a phase never runs under the previous phase's backlog; during a Muster phase room set-up runs concurrently with the acks. Fake Slack received: ${Object.entries(slackCalls).map(([m, n]) => `${m} ${n}`).join(', ')}.`,
        'Diagnostic: after_first_burst leaves out each phase\'s first 2 × concurrency requests (all clients start at once on new connections), the same way for both targets; the targets use the full p99.',
        'Diagnostic: muster_outbox_paused is the same server with its outbox pump held during the phase (drained right after), to separate the cost of declaring from the cost of room set-up running beside the acks. Server CPU per request includes whatever the server did during the phase, outbox work included.',
        `Targets: p99 ratio <= ${RATIO_TARGET} (issue 4); absolute p99 "far inside 3 s" taken as <= ${ABSOLUTE_P99_TARGET_MS} ms at 1 client, a tenth of Slack's deadline, and <= ${C32_P99_TARGET_MS} ms at 32 clients (issue 14, the verdict's row). met? is judged on the median.`,
        ...notes,
      ],
    };
  } finally {
    await targets?.stop();
    await scratch?.dropAll();
    removeTempDir(dir);
  }
}
