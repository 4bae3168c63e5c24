import type { BenchResult } from '../bench-result';
import { describeStatuses } from '../http/closed-loop';
import type { OutboxCounts } from '../processes/muster-server.main';
import type { TimelineAudit } from '../support/stored-rows-audit';
import { round, spreadMetrics, spreadOf } from '../support/stats';
import { REDELIVER_FRACTION, TEAMS_REQUEST_KINDS, type TeamsRequestKind } from './teams-ack-plan';
import type { TeamsAckPhase } from './teams-ack-phase';

export interface TeamsAckPlan {
  readonly requests: number;
  readonly repetitions: number;
  readonly warmup: number;
  readonly concurrencies: readonly number[];
  readonly deadlineMs: number;
}

/** One kind of request at one concurrency in one repetition, both targets back to back. */
export interface TeamsAckRun {
  readonly rep: number;
  readonly concurrency: number;
  readonly kind: TeamsRequestKind;
  readonly deliveries: number;
  /** Distinct activities among the deliveries (captures: redeliveries left out). */
  readonly distinct: number;
  readonly bare: TeamsAckPhase;
  readonly muster: TeamsAckPhase;
  /** Bot Connector calls made during each target's phase, by operation. */
  readonly bareConnectorCalls: Readonly<Record<string, number>>;
  readonly musterConnectorCalls: Readonly<Record<string, number>>;
  /** Statuses only (diagnostic): the bare bot answering the @mention privately, as Muster does. */
  readonly barePrivateReply?: TeamsAckPhase;
  readonly barePrivateReplyConnectorCalls?: Readonly<Record<string, number>>;
  /** Captures only: what Muster's database holds for the room against what was answered 200. */
  readonly audit?: TimelineAudit;
}

const RATIO_TARGET = 1.25;
/** A tenth of the 15 s the Bot Framework channel waits for a bot's answer before it gives up (and redelivers). */
const ABSOLUTE_P99_TARGET_MS = 1_500;

type Target = NonNullable<BenchResult['targets']>[number];

export function teamsAckResult(name: string, plan: TeamsAckPlan, runs: readonly TeamsAckRun[], end: { outbox: OutboxCounts; connectorCalls: Readonly<Record<string, number>> }): BenchResult {
  const metrics: Record<string, number | string> = { database: 'SQLite file (embedded default)', requests_per_phase: plan.requests, capture_redelivered_pct: REDELIVER_FRACTION * 100, repetitions: plan.repetitions };
  const targets: Target[] = [];
  for (const kind of TEAMS_REQUEST_KINDS) {
    for (const c of plan.concurrencies) {
      const at = runs.filter((r) => r.kind === kind && r.concurrency === c);
      const bare = at.map((r) => r.bare);
      const muster = at.map((r) => r.muster);
      const k = `c${c}_${kind}`;
      Object.assign(metrics,
        spreadMetrics(`${k}_p50_ms_bare`, bare.map((p) => p.p50)), spreadMetrics(`${k}_p50_ms_muster`, muster.map((p) => p.p50)),
        spreadMetrics(`${k}_p99_ms_bare`, bare.map((p) => p.p99)), spreadMetrics(`${k}_p99_ms_muster`, muster.map((p) => p.p99)),
        spreadMetrics(`${k}_p50_ratio`, at.map((r) => r.muster.p50 / r.bare.p50)),
        spreadMetrics(`${k}_p99_ratio`, at.map((r) => r.muster.p99 / r.bare.p99)),
        spreadMetrics(`${k}_p99_ratio_after_first_burst`, at.map((r) => r.muster.p99AfterBurst / r.bare.p99AfterBurst)),
        spreadMetrics(`${k}_requests_per_s_bare`, bare.map((p) => p.perSecond), 0), spreadMetrics(`${k}_requests_per_s_muster`, muster.map((p) => p.perSecond), 0),
        spreadMetrics(`${k}_server_cpu_ms_per_request_bare`, bare.map((p) => p.cpuMsPerRequest), 3),
        spreadMetrics(`${k}_server_cpu_ms_per_request_muster`, muster.map((p) => p.cpuMsPerRequest), 3),
        spreadMetrics(`${k}_event_loop_delay_p99_ms_muster`, muster.map((p) => p.loopDelay?.p99 ?? Number.NaN), 1),
      );
      const privately = at.filter((r) => r.barePrivateReply);
      if (privately.length) {
        Object.assign(metrics,
          spreadMetrics(`${k}_p50_ms_bare_private_reply`, privately.map((r) => r.barePrivateReply!.p50)),
          spreadMetrics(`${k}_p99_ms_bare_private_reply`, privately.map((r) => r.barePrivateReply!.p99)),
          spreadMetrics(`${k}_p99_ratio_vs_bare_private_reply`, privately.map((r) => r.muster.p99 / r.barePrivateReply!.p99)),
          spreadMetrics(`${k}_server_cpu_ms_per_request_bare_private_reply`, privately.map((r) => r.barePrivateReply!.cpuMsPerRequest), 3),
        );
      }
      const ratio = spreadOf(at.map((r) => r.muster.p99 / r.bare.p99)).median;
      targets.push({ metric: `${k}_p99_ratio`, target: `<= ${RATIO_TARGET}`, actual: round(ratio, 2), met: ratio <= RATIO_TARGET });
      const p99 = spreadOf(muster.map((p) => p.p99)).median;
      targets.push({ metric: `${k}_p99_ms_muster`, target: `<= ${ABSOLUTE_P99_TARGET_MS} ms`, actual: round(p99, 2), met: p99 <= ABSOLUTE_P99_TARGET_MS });
    }
  }
  const counts = countsOf(runs);
  Object.assign(metrics, counts, { outbox_pending_at_end: end.outbox.pending, outbox_dead_at_end: end.outbox.dead });
  targets.push(
    { metric: 'captured_lost_total', target: '= 0', actual: counts.captured_lost_total, met: counts.captured_lost_total === 0 },
    { metric: 'captured_duplicates_total', target: '= 0', actual: counts.captured_duplicates_total, met: counts.captured_duplicates_total === 0 },
    { metric: 'bot_connector_calls_during_capture', target: '= 0', actual: counts.bot_connector_calls_during_capture, met: counts.bot_connector_calls_during_capture === 0 },
    { metric: 'status_private_replies_per_request', target: '= 1', actual: counts.status_private_replies_per_request, met: counts.status_private_replies_per_request === 1 },
  );
  return { name, metrics, targets, notes: notesOf(plan, runs, end.connectorCalls) };
}

function countsOf(runs: readonly TeamsAckRun[]) {
  const sum = (rows: readonly TeamsAckRun[], f: (r: TeamsAckRun) => number) => rows.reduce((n, r) => n + f(r), 0);
  const captures = runs.filter((r) => r.kind === 'capture');
  const statuses = runs.filter((r) => r.kind === 'status');
  const musterCalls = (rows: readonly TeamsAckRun[], operation?: string) => sum(rows, (r) => Object.entries(r.musterConnectorCalls).reduce((n, [op, count]) => n + (!operation || op === operation ? count : 0), 0));
  const statusAcked = sum(statuses, (r) => r.muster.outcome.latencies.length);
  const privateReplies = musterCalls(statuses, 'send message');
  return {
    capture_messages_total: sum(captures, (r) => r.distinct),
    capture_deliveries_total: sum(captures, (r) => r.deliveries),
    capture_deliveries_acked_total: sum(captures, (r) => r.muster.outcome.latencies.length),
    capture_messages_acked_total: sum(captures, (r) => r.muster.ackedKeys.size),
    timeline_rows_stored_total: sum(captures, (r) => r.audit?.rows ?? 0),
    stored_but_not_acked_total: sum(captures, (r) => r.audit?.storedNotAcked ?? 0),
    captured_lost_total: sum(captures, (r) => r.audit?.lost ?? 0),
    captured_duplicates_total: sum(captures, (r) => r.audit?.duplicates ?? 0),
    bot_connector_calls_during_capture: musterCalls(captures),
    status_requests_acked_total: statusAcked,
    status_1to1_chats_opened_total: musterCalls(statuses, 'create conversation'),
    status_private_replies_total: privateReplies,
    status_private_replies_per_request: round(privateReplies / Math.max(1, statusAcked), 3),
    bot_connector_calls_by_bare_bot: sum(runs, (r) => Object.values(r.bareConnectorCalls).reduce((n, c) => n + c, 0)),
    bare_private_replies_per_request: round(sum(statuses, (r) => r.barePrivateReplyConnectorCalls?.['send message'] ?? 0) / Math.max(1, sum(statuses, (r) => r.barePrivateReply?.outcome.latencies.length ?? 0)), 3),
  };
}

function notesOf(plan: TeamsAckPlan, runs: readonly TeamsAckRun[], connectorCalls: Readonly<Record<string, number>>): string[] {
  const odd: string[] = [];
  for (const r of runs) {
    for (const [which, p] of [['bare', r.bare], ['muster', r.muster], ['bare_private_reply', r.barePrivateReply]] as const) {
      if (!p) continue;
      if (p.outcome.cutShort || p.outcome.latencies.length < r.deliveries) {
        odd.push(`${which}, ${r.kind} at ${r.concurrency} clients, repetition ${r.rep + 1}: ${p.outcome.latencies.length} of ${r.deliveries} answered 200 (${describeStatuses(p.outcome.statuses)})${p.outcome.cutShort ? ', cut short by the deadline' : ''}.`);
      }
      if (p.oddAnswers) odd.push(`${which}, ${r.kind} at ${r.concurrency} clients, repetition ${r.rep + 1}: ${p.oddAnswers} answers were not an empty 200, e.g. ${p.sampleOddAnswer}`);
    }
  }
  return [
    `Each phase: ${plan.requests} message activities POSTed as JSON to /api/messages over a keep-alive http.Agent (one socket per client), closed loop; latency = request written to last byte of the answer. capture = a person's message in the incident room's thread (no @mention), plus Teams' redelivery of ${REDELIVER_FRACTION * 100}% of them (same activity id, sent up to 400 requests after the original, so some race it); status = \`@Muster status\` in the same thread (the bot's mention entity). Repeated ${plan.repetitions} times; each repetition and concurrency has its own incident room; the order of the kinds and of the targets rotates; ratios are per repetition, then the median.`,
    'Muster: the whole server in its own process with TEAMS_ANONYMOUS=true (the transport still runs the SDK\'s JWT middleware, the activity schema and the trusted-host check; CloudAdapter.process; the activity router; core; the store on a temp SQLite file; the conversation reference refreshed per activity); a capture is acked after its COMMIT; a status is answered privately in-turn (Teams has no ephemeral messages in channels): a 1:1 chat opened and the incident card sent there through the fake Bot Connector (own process), then the ack. Bare: the same @microsoft/agents-hosting, anonymous, the SDK\'s JWT middleware then CloudAdapter.process with an ActivityHandler whose onMessage does nothing, on its own node:http server.',
    `Counts: after each capture phase the room's message rows are read from Muster's database and checked against the activities answered 200 (lost = acked but not stored; duplicates = rows beyond one per activity). Bot Connector calls are counted by the fake per phase: a capture must post nothing; each status exactly one private card. Fake Bot Connector received in all (room set-up included): ${Object.entries(connectorCalls).map(([op, n]) => `${op} ${n}`).join(', ')}.`,
    'Diagnostic (statuses): bare_private_reply is the same bare bot on a second path whose onMessage answers an @mention as Muster answers `status` in a channel: the sender\'s 1:1 chat opened and one line sent there through the SDK\'s Bot Connector client (two round trips to the fake), then the ack. Muster ÷ bare_private_reply is what Muster costs beyond those round trips (its card is larger than one line).',
    'Diagnostic: after_first_burst leaves out each phase\'s first 2 × concurrency requests (all clients start at once on new connections), the same way for both targets; the targets use the full p99.',
    `Targets: p99 ratio <= ${RATIO_TARGET} (the Slack ack's, issue 4); absolute p99 <= ${ABSOLUTE_P99_TARGET_MS} ms, a tenth of the 15 s the Bot Framework channel waits for a bot. met? is judged on the median.`,
    ...odd,
  ];
}
