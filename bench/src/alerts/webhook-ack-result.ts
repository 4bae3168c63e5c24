import type { BenchResult } from '../bench-result';
import { describeStatuses } from '../http/closed-loop';
import type { OutboxCounts } from '../processes/muster-server.main';
import { round, spreadMetrics, spreadOf } from '../support/stats';
import type { AlertAudit } from './alert-audit';
import { NEW_GROUP_FRACTION, OPEN_GROUPS, WEBHOOK_KINDS, type WebhookKind, type WebhookPlan } from './alertmanager-plan';
import type { WebhookPhase } from './webhook-phase';

/** `muster_outbox_paused` is a diagnostic: the same server with its outbox pump held, to show what room set-up beside the answers costs them. */
export const WEBHOOK_TARGETS = ['ack_only', 'durable', 'muster', 'muster_outbox_paused'] as const;
export type WebhookTarget = (typeof WEBHOOK_TARGETS)[number];

export interface WebhookAckPlan {
  readonly requests: number;
  readonly repetitions: number;
  readonly warmup: number;
  readonly concurrencies: readonly number[];
  readonly deadlineMs: number;
}

/** One kind at one concurrency in one repetition: the three targets back to back, then Muster's database audited. */
export interface WebhookRun {
  readonly rep: number;
  readonly concurrency: number;
  readonly kind: WebhookKind;
  /** What the floors and `muster` were sent; `muster_outbox_paused` gets the same shapes in groups of its own. */
  readonly plan: WebhookPlan;
  readonly pausedPlan: WebhookPlan;
  readonly phases: Readonly<Record<WebhookTarget, WebhookPhase>>;
  /** Muster's database after each of its two phases. */
  readonly audits: readonly AlertAudit[];
  /** Rows the durable floor committed during its phase. */
  readonly floorRows: number;
}

/** Muster's p99 ÷ the durable floor's: what turning a notification into an incident costs beyond one committed row. */
export const RATIO_TARGET = 3;
/** A tenth of the 5 s PagerDuty waits for a webhook's answer before it counts a failure and retries. */
export const ABSOLUTE_P99_TARGET_MS = 500;

type Target = NonNullable<BenchResult['targets']>[number];

export function webhookAckResult(name: string, database: string, plan: WebhookAckPlan, runs: readonly WebhookRun[], end: { outbox: OutboxCounts; slackCalls: Readonly<Record<string, number>> }): BenchResult {
  const metrics: Record<string, number | string> = { database, requests_per_phase: plan.requests, repetitions: plan.repetitions, mixed_open_groups: OPEN_GROUPS, mixed_new_group_pct: NEW_GROUP_FRACTION * 100 };
  const targets: Target[] = [];
  for (const kind of WEBHOOK_KINDS) {
    for (const c of plan.concurrencies) {
      const at = runs.filter((r) => r.kind === kind && r.concurrency === c);
      const k = `c${c}_${kind}`;
      const of = (t: WebhookTarget) => at.map((r) => r.phases[t]);
      for (const stat of ['p50', 'p99'] as const) {
        for (const t of WEBHOOK_TARGETS) Object.assign(metrics, spreadMetrics(`${k}_${stat}_ms_${t}`, of(t).map((p) => p[stat])));
      }
      Object.assign(metrics,
        spreadMetrics(`${k}_p50_ratio_vs_durable`, at.map((r) => r.phases.muster.p50 / r.phases.durable.p50)),
        spreadMetrics(`${k}_p99_ratio_vs_durable`, at.map((r) => r.phases.muster.p99 / r.phases.durable.p99)),
        spreadMetrics(`${k}_p99_ratio_vs_ack_only`, at.map((r) => r.phases.muster.p99 / r.phases.ack_only.p99)),
        spreadMetrics(`${k}_p99_ratio_vs_durable_after_first_burst`, at.map((r) => r.phases.muster.p99AfterBurst / r.phases.durable.p99AfterBurst)),
        spreadMetrics(`${k}_p99_ratio_vs_durable_outbox_paused`, at.map((r) => r.phases.muster_outbox_paused.p99 / r.phases.durable.p99)),
      );
      for (const t of WEBHOOK_TARGETS) Object.assign(metrics, spreadMetrics(`${k}_requests_per_s_${t}`, of(t).map((p) => p.perSecond), 0));
      for (const t of WEBHOOK_TARGETS) Object.assign(metrics, spreadMetrics(`${k}_server_cpu_ms_per_request_${t}`, of(t).map((p) => p.cpuMsPerRequest), 3));
      for (const t of ['muster', 'muster_outbox_paused'] as const) Object.assign(metrics, spreadMetrics(`${k}_event_loop_delay_p99_ms_${t}`, of(t).map((p) => p.loopDelay?.p99 ?? Number.NaN), 1));
      const ratio = spreadOf(at.map((r) => r.phases.muster.p99 / r.phases.durable.p99)).median;
      targets.push({ metric: `${k}_p99_ratio_vs_durable`, target: `<= ${RATIO_TARGET}`, actual: round(ratio, 2), met: ratio <= RATIO_TARGET });
      if (c === Math.max(...plan.concurrencies)) {
        const p99 = spreadOf(of('muster').map((p) => p.p99)).median;
        targets.push({ metric: `${k}_p99_ms_muster`, target: `<= ${ABSOLUTE_P99_TARGET_MS} ms`, actual: round(p99, 2), met: p99 <= ABSOLUTE_P99_TARGET_MS });
      }
    }
  }
  const counts = countsOf(runs);
  Object.assign(metrics, counts, { outbox_pending_at_end: end.outbox.pending, outbox_dead_at_end: end.outbox.dead });
  for (const metric of ['incidents_lost_total', 'incidents_duplicated_total', 'alert_entries_lost_total', 'alert_entries_duplicated_total', 'answers_not_as_expected_total'] as const) {
    targets.push({ metric, target: '= 0', actual: counts[metric], met: counts[metric] === 0 });
  }
  return { name, metrics, targets, notes: notesOf(plan, runs, end.slackCalls) };
}

/** What Muster must have answered: one `declared` per new group, one `noted` per later firing, `duplicate` for every redelivery. */
export function expectedActions(plan: WebhookPlan): Record<'declared' | 'noted' | 'duplicate', number> {
  const seen = new Set(plan.opening.map((d) => d.identity));
  const expected = { declared: 0, noted: 0, duplicate: 0 };
  for (const d of plan.deliveries) {
    if (seen.has(d.identity)) expected.duplicate++;
    else expected[d.role === 'new-group' ? 'declared' : 'noted']++;
    seen.add(d.identity);
  }
  return expected;
}

function countsOf(runs: readonly WebhookRun[]) {
  // Both Muster phases of every run, each with what it was sent.
  const muster = runs.flatMap((r) => [{ plan: r.plan, phase: r.phases.muster }, { plan: r.pausedPlan, phase: r.phases.muster_outbox_paused }]);
  const audits = runs.flatMap((r) => r.audits);
  const sum = <T>(rows: readonly T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);
  const wrong = (m: (typeof muster)[number]) => {
    const expected: Record<string, number> = expectedActions(m.plan);
    const got = m.phase.actions;
    const names = new Set([...Object.keys(expected), ...Object.keys(got)]);
    return [...names].reduce((n, a) => n + Math.abs((got[a] ?? 0) - (expected[a] ?? 0)), 0) / 2;
  };
  return {
    webhooks_sent_to_muster_total: sum(muster, (m) => m.plan.opening.length + m.plan.deliveries.length),
    webhooks_acked_by_muster_total: sum(muster, (m) => m.phase.outcome.latencies.length + m.plan.opening.length),
    answers_declared_total: sum(muster, (m) => m.phase.actions.declared ?? 0),
    answers_noted_total: sum(muster, (m) => m.phase.actions.noted ?? 0),
    answers_duplicate_total: sum(muster, (m) => m.phase.actions.duplicate ?? 0),
    answers_not_as_expected_total: sum(muster, wrong),
    alert_groups_acked_total: sum(audits, (a) => a.groupsAcked),
    incidents_stored_total: sum(audits, (a) => a.incidents),
    incidents_lost_total: sum(audits, (a) => a.lostIncidents),
    incidents_duplicated_total: sum(audits, (a) => a.duplicateIncidents),
    alert_entries_stored_total: sum(audits, (a) => a.alertEntries),
    alert_entries_lost_total: sum(audits, (a) => a.lostEntries),
    alert_entries_duplicated_total: sum(audits, (a) => a.duplicateEntries),
    durable_floor_rows_per_ack: round(sum(runs, (r) => r.floorRows) / Math.max(1, sum(runs, (r) => r.phases.durable.outcome.latencies.length + r.plan.opening.length)), 3),
  };
}

function notesOf(plan: WebhookAckPlan, runs: readonly WebhookRun[], slackCalls: Readonly<Record<string, number>>): string[] {
  const odd: string[] = [];
  for (const r of runs) {
    for (const [which, p] of Object.entries(r.phases)) {
      const n = r.plan.deliveries.length;
      if (p.outcome.cutShort || p.outcome.latencies.length < n) {
        odd.push(`${which}, ${r.kind} at ${r.concurrency} clients, repetition ${r.rep + 1}: ${p.outcome.latencies.length} of ${n} answered 200 (${describeStatuses(p.outcome.statuses)})${p.outcome.cutShort ? ', cut short by the deadline' : ''}${p.sampleOddAnswer ? `, e.g. ${p.sampleOddAnswer}` : ''}.`);
      }
    }
  }
  return [
    `Each phase: ${plan.requests} Alertmanager webhook v4 notifications (the plugin's documented fixture) POSTed to /webhooks/alertmanager with a bearer token over a keep-alive http.Agent (one socket per client), closed loop; latency = request written to last byte of the answer. declare = every notification a new alert group (each declares an incident, whose Slack room the outbox opens at the fake Slack Web API during the phase); mixed = ${OPEN_GROUPS} groups opened before the phase (not timed), then ${NEW_GROUP_FRACTION * 100}% new groups and the rest split evenly between redeliveries of something already sent to one of those groups (same bytes) and later firings (a new alert joining the group, noted on its incident). Repeated ${plan.repetitions} times; the order of the targets rotates; ratios are per repetition, then the median.`,
    'Muster: the whole server in its own process (HTTP, the webhook route, the plugin guard, the alertmanager plugin\'s verify and parse, core AlertIntake, the store; answered after COMMIT), Slack as home, the outbox running as in production; drained between phases. Diagnostic: muster_outbox_paused is the same server with its outbox pump held during the phase (drained right after), sent the same shapes in groups of its own: what answering costs without room set-up running beside it. ack_only: a bare node:http server that reads the body and answers 200. durable: the same plus the bearer check, JSON.parse and one committed INSERT of the delivery (better-sqlite3 WAL on a file, or mysql2 autocommit with a pool of 10, as Muster\'s store opens them).',
    `Counts, from Muster's database after each phase: incidents per group title (lost = a group answered 200 with no incident; duplicated = more than one) and \`alert\` timeline entries per group (lost = a distinct notification answered 200 with no entry; duplicated = more than one per distinct notification sent); answers_not_as_expected = answers whose action differs from one declared per new group, one noted per later firing, duplicate for each redelivery. Fake Slack received in all: ${Object.entries(slackCalls).map(([m, n]) => `${m} ${n}`).join(', ')}.`,
    `Targets: Muster's p99 <= ${RATIO_TARGET}× the durable floor's at every concurrency (the cost of an incident beyond one committed row); absolute p99 <= ${ABSOLUTE_P99_TARGET_MS} ms at the highest concurrency, a tenth of PagerDuty's 5 s webhook deadline; no notification lost or duplicated. met? is judged on the median.`,
    ...odd,
  ];
}
