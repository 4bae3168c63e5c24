import { runOpenLoop, type OpenLoopOutcome } from '../http/open-loop';
import type { BenchChild } from '../processes/bench-child';
import type { PlannedRequest } from '../slack/open-loop-mix';
import { blockActionsBody, messageEventBody, slashCommandBody, type BenchWorkspace } from '../slack/slack-payloads';
import { signedHeaders } from '../slack/slack-signing';
import { cpuMsOf, FORM, JSON_TYPE, SIGNING_SECRET } from '../slack/slack-targets';
import { percentile } from '../support/stats';

/** One of the 20 incident rooms opened before the phases. */
export interface OpenRoom { readonly number: number; readonly channelId: string; readonly incidentId: string }

export interface OpenLoopPhase {
  readonly p50: number;
  /** Over every request sent: a timeout or an error counts as the timeout, so p99 cannot hide them. */
  readonly p99: number;
  readonly achievedPerSecond: number;
  readonly outcome: OpenLoopOutcome;
  readonly cpuMsPerRequest: number;
  /** p99 (ms, as `p99`) of each kind of request: which part of the mix is slow. */
  readonly p99ByKind: Readonly<Record<PlannedRequest['kind'], number>>;
  /** Muster only: the server's event loop delay during the phase (ms). */
  readonly loopDelay?: { readonly p50: number; readonly p99: number; readonly max: number };
}

export interface OpenLoopPhaseOptions {
  readonly rate: number;
  readonly plan: readonly PlannedRequest[];
  readonly rooms: readonly OpenRoom[];
  readonly speakers: readonly string[];
  readonly timeoutMs: number;
  /** Muster: check that status and declare answers name an incident, and read the loop delay. */
  readonly isMuster: boolean;
}

/** Body and headers of one planned request, signed now (Slack signs at send time). */
function build(ws: BenchWorkspace, r: PlannedRequest, o: OpenLoopPhaseOptions): { body: string; headers: Record<string, string> } {
  if (r.kind === 'message') {
    const body = messageEventBody(ws, { channelId: o.rooms[r.room].channelId, userId: o.speakers[r.speaker % o.speakers.length], text: r.text, ts: r.ts, eventId: r.eventId });
    return { body, headers: signedHeaders(SIGNING_SECRET, body, JSON_TYPE) };
  }
  if (r.kind === 'click') {
    const room = o.rooms[r.room];
    const body = blockActionsBody(ws, { channelId: room.channelId, userId: ws.userId, userName: ws.userName, messageTs: '1700000000.000100', actionId: r.actionId, value: room.incidentId });
    return { body, headers: signedHeaders(SIGNING_SECRET, body, FORM) };
  }
  const where = r.room === 'general' ? { channelId: ws.channelId, channelName: ws.channelName } : { channelId: o.rooms[r.room].channelId, channelName: `inc-${o.rooms[r.room].number}` };
  const body = slashCommandBody({ ...ws, ...where }, r.text);
  return { body, headers: signedHeaders(SIGNING_SECRET, body, FORM) };
}

export async function runOpenLoopPhase(target: BenchChild<{ url: string }>, ws: BenchWorkspace, o: OpenLoopPhaseOptions): Promise<OpenLoopPhase> {
  const cpuBefore = await cpuMsOf(target);
  if (o.isMuster) await target.call('startLoopDelay');
  const outcome = await runOpenLoop({
    url: target.info.url, rate: o.rate, requests: o.plan.length, timeoutMs: o.timeoutMs,
    build: (i) => build(ws, o.plan[i], o),
    check: o.isMuster ? (i, body) => { const r = o.plan[i]; return r.kind !== 'command' || !r.expectsIncident || /INC-\d+/.test(body); } : undefined,
  });
  const cpuMs = (await cpuMsOf(target)) - cpuBefore;
  const loopDelay = o.isMuster ? await target.call<OpenLoopPhase['loopDelay']>('stopLoopDelay') : undefined;
  const all = Array.from(outcome.latencyByRequest, (ms) => (Number.isNaN(ms) ? o.timeoutMs : ms));
  const kindP99 = (kind: PlannedRequest['kind']) => percentile(all.filter((_, i) => o.plan[i].kind === kind), 99);
  return {
    p50: percentile(all, 50), p99: percentile(all, 99), achievedPerSecond: outcome.achievedPerSecond, outcome,
    p99ByKind: { message: kindP99('message'), command: kindP99('command'), click: kindP99('click') },
    cpuMsPerRequest: cpuMs / o.plan.length, ...(loopDelay ? { loopDelay } : {}),
  };
}

/**
 * Waits until a target's process is quiet (under a tenth of a core for 200 ms), at most `maxMs`.
 * A target that fell behind keeps working off requests the generator already gave up on; the next
 * target's phase must not run beside that backlog on the same two cores.
 */
export async function settle(target: BenchChild<unknown>, maxMs = 20_000): Promise<number> {
  const started = Date.now();
  let before = await cpuMsOf(target);
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await cpuMsOf(target);
    if (now - before < 20) break;
    before = now;
  }
  return Date.now() - started;
}
