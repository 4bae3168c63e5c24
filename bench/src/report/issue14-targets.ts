/**
 * Issue 14's targets, in the order the verdict table lists them. A suite answers a target either by
 * attaching `verdict` rows with its id (BenchResult.verdict), or, for suites that predate the table,
 * by the `derive` here reading the suite's own metrics. A target no suite answered in this run is
 * listed as not measured, so the table always shows every target.
 */
import type { BenchResult, VerdictRow } from '../bench-result';

export interface Issue14Target {
  readonly id: string;
  /** What the target is, for the row of a target nothing measured. */
  readonly label: string;
  /** The suites that measure it (for "not measured: run … "). */
  readonly suites: readonly string[];
  readonly derive?: (results: ReadonlyMap<string, BenchResult>) => VerdictRow[];
}

const num = (r: BenchResult, key: string): number => Number(r.metrics[key]);
/** `12.3 (10–15)` from a suite's `<name>_median/_min/_max` metrics. */
const spread = (r: BenchResult, name: string, unit = ''): string => `${r.metrics[`${name}_median`]}${unit} (${r.metrics[`${name}_min`]}–${r.metrics[`${name}_max`]})`;

/** Whether holding the outbox made the 32-client declares' p99 clearly (≥ 20%) better. */
const outboxCosts = (r: BenchResult): boolean => num(r, 'c32_p99_ms_muster_outbox_paused_median') < 0.8 * num(r, 'c32_p99_ms_muster_median');

function closedLoopP99(results: ReadonlyMap<string, BenchResult>): VerdictRow[] {
  const rows: VerdictRow[] = [];
  for (const [suite, label] of [['ack-latency', 'SQLite'], ['ack-latency-mariadb', 'MariaDB']] as const) {
    const r = results.get(suite);
    if (!r || !(`c32_p99_ms_muster_median` in r.metrics)) continue;
    const p99 = num(r, 'c32_p99_ms_muster_median');
    const met = p99 <= 100;
    rows.push({
      targetId: 'closed-loop-p99', target: `closed-loop ack p99 ≤ 100 ms at 32 clients, /incident declare (${label})`,
      result: `${spread(r, 'c32_p99_ms_muster', ' ms')}; ratio to the bare Bolt app ${spread(r, 'c32_p99_ratio')} (context)`, met,
      ...(met ? {} : {
        reason: `with the outbox held the same declares answer at p99 ${spread(r, 'c32_p99_ms_muster_outbox_paused', ' ms')}${outboxCosts(r) ? ': room set-up beside the acks costs the difference' : ', no better: the declare itself is the cost'}; server CPU ${r.metrics.c32_server_cpu_ms_per_request_muster_median} ms per declare against ${r.metrics.c32_server_cpu_ms_per_request_bare_median} ms for the bare app; event-loop delay max ${r.metrics.c32_event_loop_delay_max_ms_muster_median} ms`,
        nextFix: outboxCosts(r)
          ? 'run the outbox and timers off the request event loop (worker thread, or `muster worker` with Redis); then share commits between concurrent declares'
          : label === 'SQLite' ? 'concurrent declares already share one commit per tick; less CPU per declare (store + TypeORM are half of it in server-profile)'
            : 'the declare unit is 6 round trips (was 8); less CPU per declare (store + TypeORM are half of it in server-profile: write its statements directly) and the remaining round trips in one multi-statement batch',
      }),
    });
  }
  return rows;
}

function ingestion(results: ReadonlyMap<string, BenchResult>): VerdictRow[] {
  const r = results.get('ingestion');
  if (!r) return [];
  const cs = [32, 64].filter((c) => `c${c}_ratio_muster_vs_raw_median` in r.metrics);
  if (!cs.length) return [];
  const vsBare = cs.map((c) => num(r, `c${c}_events_per_s_muster_median`) / num(r, `c${c}_events_per_s_bare_bolt_ack_only_median`));
  const vsRaw = cs.map((c) => num(r, `c${c}_ratio_muster_vs_raw_median`));
  const cpu = cs.map((c) => `${c} clients: ${r.metrics[`c${c}_server_cpu_ms_per_event_muster_median`]} ms vs bare ${r.metrics[`c${c}_server_cpu_ms_per_event_bare_bolt_median`]} ms, store path ${r.metrics[`c${c}_server_cpu_ms_per_event_store_path_alone_median`]} ms`).join('; ');
  const lost = num(r, 'events_lost_total');
  const dup = num(r, 'duplicates_stored_total');
  return [
    {
      targetId: 'ingestion-vs-bare', target: `ingestion events/s ≥ 0.9× the ack-only Bolt app (${cs.join(' / ')} clients)`,
      result: `${vsBare.map((x) => x.toFixed(3)).join(' / ')} (ratio of the medians)`, met: vsBare.every((x) => x >= 0.9),
      ...(vsBare.every((x) => x >= 0.9) ? {} : { reason: `message deliveries already take the lean path outside Bolt's chain (adapters/slack/src/bolt/inbound-gate.ts); server CPU per event: ${cpu}, so the rest is waiting: one capture group commits at a time (parallelGroups 1) and each waits for its COMMIT before the acks`, nextFix: 'two capture groups in flight (store-path-variants measures parallelGroups 4), answer after commit kept' }),
    },
    {
      targetId: 'ingestion-vs-raw', target: `ingestion events/s ≥ 1.0× raw single-row inserts (${cs.join(' / ')} clients)`,
      result: cs.map((c) => spread(r, `c${c}_ratio_muster_vs_raw`)).join(' / '), met: vsRaw.every((x) => x >= 1),
      ...(vsRaw.every((x) => x >= 1) ? {} : { reason: `the HTTP/Slack layer: store path alone ${cs.map((c) => spread(r, `c${c}_ratio_store_path_alone_vs_raw`)).join(' / ')} of raw; server CPU per event ${cpu}`, nextFix: 'two capture groups in flight, as above; the store path already batches commits' }),
    },
    { targetId: 'ingestion-counted', target: 'ingestion: 0 lost and 0 duplicated, counted', result: `${lost} lost, ${dup} duplicated`, met: lost === 0 && dup === 0 },
  ];
}

type Missed = { reason: string; nextFix: string };

/**
 * Why a suite's own target is missed and what to do next, from that suite's measurements (bench/README.md);
 * a function when the reason quotes the run's own figures.
 */
const MISSED_REASONS: Readonly<Record<string, Missed | ((r: BenchResult) => Missed)>> = {
  idle_rss_mb: (r) => ({
    reason: `idle ${spread(r, 'idle_rss_mb', ' MB')} once settled (after ${spread(r, 'idle_settled_after_s', ' s')}), ${spread(r, 'rss_3s_after_ready_mb', ' MB')} 3 s after ready; the modules alone hold ${spread(r, 'idle_rss_mb_floor_modules_only', ' MB')}: most of it is loaded code, not state. TypeORM (about 22 MB loaded), zod, yaml and prom-client are most of the modules`,
    nextFix: 'load what a role does not use on demand (the REST/OpenAPI schemas, the plugin host for plugins not configured); measure TypeORM\'s share against the store\'s own SQL layer, which already writes most statements',
  }),
  c1_ready_ratio_vs_critical_path: (r) => ({
    reason: `ready ${spread(r, 'c1_ready_ms', ' ms')} against 300 ms: about ${Math.round(num(r, 'c1_ready_ms_median') - 300)} ms of local work over the 3 hops. In the suite's call list the first calls answer a few ms past their 100 ms (claim, handler start) and each dependent call leaves some ms after its input answered: every remote step is bracketed by its effect record (read, begin before the call, complete after), so a hop waits for a commit and the next step's read and begin`,
    nextFix: 'complete one step and begin the next in the same commit (a step chain inside the set-up handler), and read a set-up\'s known step results once instead of per step',
  }),
  bursts_incomplete: {
    reason: 'the suite\'s notes name each incomplete channel and what it lacks; a set-up that ends incomplete is a bug, not a speed (the one of 2026-12-02, a card redrawn from an older version last, was fixed in core)',
    nextFix: 'reproduce it in a core spec from what the channel lacks, as card-refresh.handler.spec.ts does for the card',
  },
  c4_ready_ratio_vs_critical_path: {
    reason: 'the outbox pump runs at most 8 messages at once; four declarations make about 24 set-up messages, so they go out in waves. A pool of 32 brought this to 1.47–1.82 (three runs on 2026-12-02) but, measured back to back on MariaDB with the outbox in the server, nearly doubled the CPU per declare (1 client: 14.6 → 25.2 ms) and the declare acks\' p99 (1 client 48 → 101 ms, 32 clients 134 → 449 ms), so it stays at 8: acks come first',
    nextFix: 'find what the extra CPU at 32 is (server-profile during those phases; stale-copy retries between one incident\'s set-up messages are a candidate), then a larger pool only for messages that wait on remote calls',
  },
  ...Object.fromEntries(['c1', 'c32'].flatMap((c) => ['embedded', 'split'].map((how) => [`${c}_p99_ratio_${how}`, (r: BenchResult): Missed => ({
    reason: `${c === 'c1' ? '1 client' : '32 clients'}: p99 with the outbox in the server ${spread(r, `${c}_p99_ms_embedded`, ' ms')}, with it in \`muster worker\` ${spread(r, `${c}_p99_ms_split`, ' ms')}, bare Bolt ${spread(r, `${c}_p99_ms_bare`, ' ms')}; server CPU per declare ${r.metrics[`${c}_server_cpu_ms_per_request_embedded_median`]} → ${r.metrics[`${c}_server_cpu_ms_per_request_split_median`]} ms with the worker (bare ${r.metrics[`${c}_server_cpu_ms_per_request_bare_median`]} ms), the worker ${r.metrics.worker_cpu_ms_per_declaration_median} ms per declare on its own. ${c === 'c1' ? 'Room set-up leaves the request loop; what is left is the declare unit itself on MariaDB' : 'At 32 clients the worker takes its CPU from the same 2 cores as the server, the load generator and MariaDB, so moving the work does not shorten the queue'}`,
    nextFix: 'less CPU in the declare itself (store + TypeORM were half of it in server-profile: its statements written directly, as the hot ones already are); measure the split where the worker has cores of its own',
  })]))),
  start_to_readyz_ms: {
    reason: 'module loading is most of the start time (the same modules as idle RSS)',
    nextFix: 'the same load-on-demand as for idle RSS; then migrations checked without loading every migration class',
  },
};

function missed(r: BenchResult, metric: string): Missed {
  const known = MISSED_REASONS[metric];
  if (!known) return { reason: 'see the suite\'s table below', nextFix: 'see bench/README.md' };
  return typeof known === 'function' ? known(r) : known;
}

/** Rows from a suite's own `targets` (suites written before the verdict table), under one issue-14 target id. */
function fromSuiteTargets(targetId: string, suites: readonly string[], pick: (metric: string) => boolean = () => true) {
  return (results: ReadonlyMap<string, BenchResult>): VerdictRow[] => suites.flatMap((suite) => {
    const r = results.get(suite);
    return (r?.targets ?? []).filter((t) => pick(t.metric)).map((t): VerdictRow => ({
      targetId, target: `${suite}: ${t.metric} ${t.target}`, result: String(t.actual), met: t.met,
      ...(!t.met && missed(r!, t.metric)),
    }));
  });
}

export const ISSUE14_TARGETS: readonly Issue14Target[] = [
  { id: 'open-loop-p99', label: 'open-loop ack p99 ≤ 1.5× the durable floor at every rate it sustains (SQLite; MariaDB)', suites: ['ack-open-loop', 'ack-open-loop-mariadb'] },
  { id: 'closed-loop-p99', label: 'closed-loop ack p99 ≤ 100 ms at 32 clients (SQLite; MariaDB)', suites: ['ack-latency', 'ack-latency-mariadb'], derive: closedLoopP99 },
  { id: 'ingestion-vs-bare', label: 'ingestion ≥ 0.9× the ack-only Bolt app', suites: ['ingestion'], derive: ingestion },
  { id: 'ingestion-vs-raw', label: 'ingestion ≥ 1.0× raw single-row inserts', suites: ['ingestion'] },
  { id: 'ingestion-counted', label: 'ingestion: 0 lost, 0 duplicated', suites: ['ingestion'] },
  {
    id: 'declare-to-ready', label: 'declare to ready ≤ 1.15× the critical path (every fake remote call 100 ms)',
    suites: ['declare-to-ready'], derive: fromSuiteTargets('declare-to-ready', ['declare-to-ready']),
  },
  {
    id: 'outbox-off-loop', label: 'room set-up never delays an ack: the outbox in a separate `muster worker` (Redis), ack p99 against the bare Bolt app',
    suites: ['ack-latency-worker'], derive: fromSuiteTargets('outbox-off-loop', ['ack-latency-worker']),
  },
  {
    id: 'footprint', label: 'idle RSS ≤ 120 MB; list and incident p99 ≤ 50 ms at 10,000 incidents / 1,000,000 entries; start ≤ 2 s; no whole-timeline loads',
    suites: ['footprint', 'footprint-mariadb'], derive: fromSuiteTargets('footprint', ['footprint', 'footprint-mariadb']),
  },
  {
    id: 'summarizer-floor', label: 'summarizer tokens for 20 catch-ups ≤ 1.3× the floor (new content + fixed prompt)',
    suites: ['summarizer-tokens'], derive: fromSuiteTargets('summarizer-floor', ['summarizer-tokens'], (m) => m.includes('floor')),
  },
  { id: 'bench-time', label: '`npm run bench` under 25 minutes', suites: [] },
];
