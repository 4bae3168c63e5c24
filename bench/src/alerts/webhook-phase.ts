import { phaseFigures, runClosedLoop, type LoadOutcome } from '../http/closed-loop';
import { KeepAliveClient } from '../http/keep-alive-client';
import type { BenchChild } from '../processes/bench-child';
import { cpuMsOf } from '../slack/slack-targets';
import type { WebhookDelivery } from './alertmanager-plan';
import { ALERTMANAGER_TOKEN } from './webhook-targets';

export interface WebhookPhase {
  readonly p50: number;
  readonly p99: number;
  /** p99 without the phase's first burst (the first 2 × concurrency requests, when every client starts at once). */
  readonly p99AfterBurst: number;
  readonly perSecond: number;
  /** Server CPU per request (ms), from the child's own cpuUsage. */
  readonly cpuMsPerRequest: number;
  readonly outcome: LoadOutcome;
  /** The deliveries answered 200: Alertmanager would consider these delivered and not send them again. */
  readonly acked: readonly WebhookDelivery[];
  /** Answers by the action Muster named (`declared`, `noted`, `duplicate`…); floors say `stored` or nothing. */
  readonly actions: Readonly<Record<string, number>>;
  readonly sampleOddAnswer?: string;
  /** Muster only: the server's event loop delay during the phase (ms). */
  readonly loopDelay?: { readonly p50: number; readonly p99: number; readonly max: number };
}

const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${ALERTMANAGER_TOKEN}` };

/** `deliveries` POSTed to one target at `concurrency` keep-alive clients, closed loop, as Alertmanager's webhook receiver sends them. */
export async function runWebhookPhase(target: BenchChild<unknown>, url: string, deliveries: readonly WebhookDelivery[], options: {
  readonly concurrency: number; readonly deadlineMs: number; readonly tag: string; readonly loopDelay: boolean; readonly onProgress?: (done: number) => void;
}): Promise<WebhookPhase> {
  const client = new KeepAliveClient(url, options.concurrency);
  const acked: WebhookDelivery[] = [];
  const actions: Record<string, number> = {};
  let sampleOddAnswer: string | undefined;
  const cpuBefore = await cpuMsOf(target);
  if (options.loopDelay) await target.call('startLoopDelay');
  try {
    const outcome = await runClosedLoop({
      requests: deliveries.length, concurrency: options.concurrency, deadlineMs: options.deadlineMs, onProgress: options.onProgress,
      send: async (i) => {
        const delivery = deliveries[i]!;
        const answer = await client.post(delivery.body, HEADERS);
        if (answer.status === 200) acked.push(delivery);
        else sampleOddAnswer ??= `${answer.status} ${answer.body.slice(0, 300)}`;
        const action = actionOf(answer.body);
        actions[action] = (actions[action] ?? 0) + 1;
        return answer;
      },
    });
    const cpuMs = (await cpuMsOf(target)) - cpuBefore;
    const loopDelay = options.loopDelay ? await target.call<WebhookPhase['loopDelay']>('stopLoopDelay') : undefined;
    const figures = phaseFigures(options.tag, outcome, options.concurrency, cpuMs, sampleOddAnswer);
    return {
      ...figures,
      outcome, acked, actions, ...(sampleOddAnswer ? { sampleOddAnswer } : {}), ...(loopDelay ? { loopDelay } : {}),
    };
  } finally {
    client.close();
  }
}

/** `{"results":[{"action":"declared",…}]}` → `declared`; an error body → its code; anything else → `none`. */
export function actionOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { results?: { action?: unknown }[]; error?: { code?: unknown } };
    if (Array.isArray(parsed.results)) return parsed.results.map((r) => String(r.action)).join('+') || 'none';
    if (parsed.error) return `error:${String(parsed.error.code)}`;
  } catch {
    // Not JSON: counted as `none`.
  }
  return 'none';
}
