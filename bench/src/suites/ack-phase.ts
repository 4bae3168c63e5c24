import { KeepAliveClient } from '../http/keep-alive-client';
import { phaseFigures, runClosedLoop, type LoadOutcome } from '../http/closed-loop';
import type { BenchChild } from '../processes/bench-child';
import { slashCommandBody, type BenchWorkspace } from '../slack/slack-payloads';
import { signedHeaders } from '../slack/slack-signing';
import { cpuMsOf, FORM, SIGNING_SECRET } from '../slack/slack-targets';

export interface AckPhase {
  readonly p50: number;
  readonly p99: number;
  /** p99 without each phase's first burst (the first 2 × concurrency requests, when every client starts at once). */
  readonly p99AfterBurst: number;
  readonly perSecond: number;
  /** Server CPU per request (ms), from the child's own cpuUsage. */
  readonly cpuMsPerRequest: number;
  readonly outcome: LoadOutcome;
  /** Answers whose body was not what the target should say (Muster: not a declaration). */
  readonly wrongAnswers: number;
  readonly sampleAnswer?: string;
  /** Muster only: the server's event loop delay during the phase (ms). */
  readonly loopDelay?: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Muster only: the store's group commit during the phase (transactions, units of work in them). */
  readonly commits?: { readonly groups: number; readonly units: number };
}

interface CommitCounts { readonly groups: number; readonly units: number }

/**
 * `requests` signed `/incident declare <title> --sev SEV2` posts to one target at `concurrency`
 * clients. Each request has a new title, so every Muster request is a real declaration.
 */
export async function runAckPhase(target: BenchChild<{ url: string }>, workspace: BenchWorkspace, options: {
  readonly concurrency: number; readonly requests: number; readonly deadlineMs: number; readonly tag: string;
  readonly expectDeclared: boolean; readonly onProgress?: (done: number) => void;
}): Promise<AckPhase> {
  const client = new KeepAliveClient(target.info.url, options.concurrency);
  let wrongAnswers = 0;
  let sampleAnswer: string | undefined;
  const cpuBefore = await cpuMsOf(target);
  const commitsBefore = options.expectDeclared ? await target.call<CommitCounts>('groupCommit') : undefined;
  if (options.expectDeclared) await target.call('startLoopDelay');
  try {
    const outcome = await runClosedLoop({
      requests: options.requests, concurrency: options.concurrency, deadlineMs: options.deadlineMs, onProgress: options.onProgress,
      send: async (i) => {
        const body = slashCommandBody(workspace, `declare Checkout errors ${options.tag} ${i} --sev SEV2`);
        const answer = await client.post(body, signedHeaders(SIGNING_SECRET, body, FORM));
        if (answer.status === 200 && options.expectDeclared && !/INC-\d+/.test(answer.body)) {
          wrongAnswers++;
          sampleAnswer ??= answer.body.slice(0, 300);
        }
        return answer;
      },
    });
    const cpuMs = (await cpuMsOf(target)) - cpuBefore;
    const loopDelay = options.expectDeclared ? await target.call<AckPhase['loopDelay']>('stopLoopDelay') : undefined;
    const commitsAfter = commitsBefore ? await target.call<CommitCounts>('groupCommit') : undefined;
    const commits = commitsBefore && commitsAfter ? { groups: commitsAfter.groups - commitsBefore.groups, units: commitsAfter.units - commitsBefore.units } : undefined;
    const figures = phaseFigures(options.tag, outcome, options.concurrency, cpuMs);
    return {
      ...figures,
      outcome, wrongAnswers, ...(sampleAnswer ? { sampleAnswer } : {}), ...(loopDelay ? { loopDelay } : {}), ...(commits ? { commits } : {}),
    };
  } finally {
    client.close();
  }
}
