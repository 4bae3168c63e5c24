import type { BenchResult } from '../bench-result';
import { CRITICAL_PATH_CALLS, CRITICAL_PATH_NOTE, missingSetUp } from '../ready/critical-path';
import { runReadyBurst, type ReadyBurst } from '../ready/ready-burst';
import { RUNBOOK_LINKS, startReadyTargets, type ReadyTargets } from '../ready/ready-targets';
import type { BenchWorkspace } from '../slack/slack-payloads';
import { round, spreadMetrics, spreadOf } from '../support/stats';
import { makeTempDir, removeTempDir } from '../support/temp-dir';
import type { Suite, SuiteOptions } from './suite';

/** Every remote call answered this much later (issue 14 item 3). */
const DELAY_MS = 100;
const RATIO_TARGET = 1.15;
const CONCURRENCIES = [1, 4] as const;

export const declareToReadySuite: Suite = {
  name: 'declare-to-ready',
  summary: 'from the ack of /incident declare to the room fully set up (Slack, PagerDuty, Jira, Zoom fakes, every call +100 ms), ÷ the critical path',
  run: (options) => runDeclareToReady(options),
};

interface Plan { readonly bursts: Readonly<Record<(typeof CONCURRENCIES)[number], number>>; readonly warmup: number; readonly deadlineMs: number }

async function runDeclareToReady(options: SuiteOptions): Promise<BenchResult> {
  const plan: Plan = options.quick ? { bursts: { 1: 3, 4: 2 }, warmup: 1, deadlineMs: 30_000 } : { bursts: { 1: 12, 4: 5 }, warmup: 2, deadlineMs: 60_000 };
  const { progress } = options;
  const dir = makeTempDir('ready');
  let targets: ReadyTargets | undefined;
  try {
    targets = await startReadyTargets({ dir, delayMs: DELAY_MS, progress });
    const { slack } = targets.remotes.info;
    const workspace: BenchWorkspace = {
      teamId: slack.teamId, botUserId: slack.botUserId, userId: slack.userId, userName: slack.userName,
      channelId: slack.generalChannelId, channelName: 'general', responseUrl: slack.responseUrl,
    };
    const criticalPathMs = CRITICAL_PATH_CALLS * DELAY_MS;
    for (let i = 0; i < plan.warmup; i++) await runReadyBurst(targets, workspace, 1, `warm-${i}`, plan.deadlineMs);
    const bursts: Record<number, ReadyBurst[]> = {};
    const notes: string[] = [];
    let incomplete = 0;
    for (const c of CONCURRENCIES) {
      for (let b = 0; b < plan.bursts[c]; b++) {
        const burst = await runReadyBurst(targets, workspace, c, `c${c}b${b}`, plan.deadlineMs);
        (bursts[c] ??= []).push(burst);
        const missing = missingSetUp(burst.rooms, c, RUNBOOK_LINKS.length);
        if (missing.length) {
          incomplete += 1;
          notes.push(`${c} at once, burst ${b + 1}: set-up incomplete, missing ${missing.join(', ')}`);
        }
        progress.line(`  ${c} declaration(s) at once, burst ${b + 1}/${plan.bursts[c]}: ready ${burst.readyMs} ms after the ack (${(burst.readyMs / criticalPathMs).toFixed(2)}× the critical path), ack ${burst.ackMs} ms`);
      }
    }
    const metrics: Record<string, number | string> = {
      database: 'SQLite file (embedded default)', remote_delay_ms: DELAY_MS, critical_path_calls: CRITICAL_PATH_CALLS, critical_path_ms: criticalPathMs,
    };
    const targetsMet: NonNullable<BenchResult['targets']>[number][] = [];
    for (const c of CONCURRENCIES) {
      const got = bursts[c] ?? [];
      const ratios = got.map((b) => b.readyMs / criticalPathMs);
      Object.assign(metrics,
        { [`c${c}_declarations`]: got.length * c },
        spreadMetrics(`c${c}_ready_ms`, got.map((b) => b.readyMs), 0),
        spreadMetrics(`c${c}_ready_ratio_vs_critical_path`, ratios),
        spreadMetrics(`c${c}_ack_ms`, got.map((b) => b.ackMs), 0),
        spreadMetrics(`c${c}_remote_calls_per_declaration`, got.map((b) => Object.values(b.counts).reduce((s, n) => s + n, 0) / c), 1),
      );
      const ratio = spreadOf(ratios).median;
      targetsMet.push({ metric: `c${c}_ready_ratio_vs_critical_path`, target: `<= ${RATIO_TARGET}`, actual: round(ratio, 2), met: ratio <= RATIO_TARGET });
    }
    metrics.bursts_incomplete = incomplete;
    targetsMet.push({ metric: 'bursts_incomplete', target: '= 0', actual: incomplete, met: incomplete === 0 });
    const sample = bursts[1]?.[Math.floor((bursts[1].length - 1) / 2)];
    const last = bursts[1]?.at(-1);
    return {
      name: declareToReadySuite.name,
      metrics,
      targets: targetsMet,
      notes: [
        `Each burst: N signed \`/incident declare Checkout errors <tag> --sev SEV2 --service checkout\` POSTs to /slack/events at once (one keep-alive socket each), then the remotes' call logs are watched until ${600} ms pass with no call and Muster's outbox has nothing pending. ready = the last call answered at any remote − the burst's first ack. N = 1 (${plan.bursts[1]} bursts) and 4 (${plan.bursts[4]} bursts), after ${plan.warmup} warm-up declarations.`,
        `Remotes, one process: the fake Slack Web API (test/src/fakes) and the PagerDuty, Jira and Zoom fakes the plugins ship; every call answered ${DELAY_MS} ms late. Muster: the whole server (own process, SQLite file), those three plugins installed, checkout's catalogue entry naming its PagerDuty service, Jira project and ${RUNBOOK_LINKS.length} runbook links, one announcement channel.`,
        CRITICAL_PATH_NOTE,
        ...(last ? [`Calls of one declaration by the order their answers left (ms after the ack), last burst at 1: ${last.calls.map((c) => `${c.what} ${c.atMs}`).join('; ')}.`] : []),
        ...(sample ? [`Calls by kind in one declaration: ${Object.entries(sample.counts).map(([k, n]) => `${k} ${n}`).join(', ')}.`] : []),
        'A burst counts as complete when every channel it opened has its topic, one pin, a bookmark per runbook link plus the bridge\'s, the paged on-call as a member, and the pinned card as last drawn links the Jira ticket, the Zoom bridge and the PagerDuty page (read from the fake Slack\'s state).',
        `Target: ready ÷ critical path <= ${RATIO_TARGET} (issue 14 item 3); met? is judged on the median.`,
        ...notes,
      ],
    };
  } finally {
    await targets?.stop();
    removeTempDir(dir);
  }
}
