import { phaseFigures, runClosedLoop, type LoadOutcome } from '../http/closed-loop';
import { KeepAliveClient } from '../http/keep-alive-client';
import type { BenchChild } from '../processes/bench-child';
import { cpuMsOf } from '../slack/slack-targets';
import type { TeamsDelivery } from './teams-ack-plan';

export interface TeamsAckPhase {
  readonly p50: number;
  readonly p99: number;
  /** p99 without the phase's first burst (the first 2 × concurrency requests, when every client starts at once). */
  readonly p99AfterBurst: number;
  readonly perSecond: number;
  /** Server CPU per request (ms), from the child's own cpuUsage. */
  readonly cpuMsPerRequest: number;
  readonly outcome: LoadOutcome;
  /** Idempotency keys of the deliveries answered 200: Teams would consider these delivered. */
  readonly ackedKeys: ReadonlySet<string>;
  /** Answers that were not an empty 200 (neither target has anything to say in the HTTP answer to a message). */
  readonly oddAnswers: number;
  readonly sampleOddAnswer?: string;
  /** Muster only: the server's event loop delay during the phase (ms). */
  readonly loopDelay?: { readonly p50: number; readonly p99: number; readonly max: number };
}

/** `deliveries` POSTed to one target's `/api/messages` at `concurrency` keep-alive clients, closed loop. */
export async function runTeamsAckPhase(target: BenchChild<unknown>, url: string, deliveries: readonly TeamsDelivery[], options: {
  readonly concurrency: number; readonly deadlineMs: number; readonly tag: string; readonly loopDelay: boolean; readonly onProgress?: (done: number) => void;
}): Promise<TeamsAckPhase> {
  const client = new KeepAliveClient(url, options.concurrency);
  const ackedKeys = new Set<string>();
  let oddAnswers = 0;
  let sampleOddAnswer: string | undefined;
  const cpuBefore = await cpuMsOf(target);
  if (options.loopDelay) await target.call('startLoopDelay');
  try {
    const outcome = await runClosedLoop({
      requests: deliveries.length, concurrency: options.concurrency, deadlineMs: options.deadlineMs, onProgress: options.onProgress,
      send: async (i) => {
        const delivery = deliveries[i];
        const answer = await client.post(delivery.body, { 'content-type': 'application/json' });
        if (answer.status === 200) ackedKeys.add(delivery.key);
        if (answer.status !== 200 || answer.body.trim() !== '') {
          oddAnswers++;
          sampleOddAnswer ??= `${answer.status} ${answer.body.slice(0, 300)}`;
        }
        return answer;
      },
    });
    const cpuMs = (await cpuMsOf(target)) - cpuBefore;
    const loopDelay = options.loopDelay ? await target.call<TeamsAckPhase['loopDelay']>('stopLoopDelay') : undefined;
    const figures = phaseFigures(options.tag, outcome, options.concurrency, cpuMs, sampleOddAnswer);
    return {
      ...figures,
      outcome, ackedKeys, oddAnswers, ...(sampleOddAnswer ? { sampleOddAnswer } : {}), ...(loopDelay ? { loopDelay } : {}),
    };
  } finally {
    client.close();
  }
}
