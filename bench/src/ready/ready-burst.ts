import { KeepAliveClient } from '../http/keep-alive-client';
import type { RemoteCall, RoomAudit } from '../processes/fake-remotes.main';

import { slashCommandBody, type BenchWorkspace } from '../slack/slack-payloads';
import { signedHeaders } from '../slack/slack-signing';
import { FORM, SIGNING_SECRET } from '../slack/slack-targets';
import type { ReadyTargets } from './ready-targets';
import { SERVICE } from './ready-targets';

/** One burst: `declarations` declared at once, then watched from the remotes until nothing is left to do. */
export interface ReadyBurst {
  /** From the burst's first ack to the last set-up call answered at any remote. */
  readonly readyMs: number;
  /** The slowest ack of the burst (context: set-up is measured from the ack). */
  readonly ackMs: number;
  /** Every call answered after the first request went, `remote call`, relative to the first ack (ms). */
  readonly calls: readonly { readonly what: string; readonly atMs: number }[];
  /** Calls by `remote call`, over the burst. */
  readonly counts: Readonly<Record<string, number>>;
  /** Slack's side of each room the burst opened, after the set-up. */
  readonly rooms: readonly RoomAudit[];
}

interface OutboxDue { readonly due: number; readonly topics: readonly string[] }

/** Quiet for this long with nothing pending in the outbox: the set-up is over. */
const QUIET_MS = 600;

export async function runReadyBurst(targets: ReadyTargets, workspace: BenchWorkspace, declarations: number, tag: string, deadlineMs: number): Promise<ReadyBurst> {
  const clients = Array.from({ length: declarations }, () => new KeepAliveClient(targets.muster.info.url, 1));
  try {
    const sentAt = Date.now();
    const acks = await Promise.all(clients.map(async (client, i) => {
      const body = slashCommandBody(workspace, `declare Checkout errors ${tag}-${i} --sev SEV2 --service ${SERVICE}`);
      const answer = await client.post(body, signedHeaders(SIGNING_SECRET, body, FORM));
      if (answer.status !== 200 || !/INC-\d+/.test(answer.body)) throw new Error(`declaring was answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      return Date.now();
    }));
    const firstAck = Math.min(...acks);
    const until = sentAt + deadlineMs;
    let calls: RemoteCall[] = [];
    let quietSince = Date.now();
    let seen = -1;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      calls = await targets.remotes.call<RemoteCall[]>('callsSince', sentAt);
      if (calls.length !== seen) { seen = calls.length; quietSince = Date.now(); }
      if (Date.now() - quietSince < QUIET_MS) continue;
      // Timers set for later (the update reminder an hour on) are pending but not part of the set-up.
      const outbox = await targets.muster.call<OutboxDue>('outboxDue', 5_000);
      if (outbox.due === 0) break;
      if (Date.now() > until) throw new Error(`burst ${tag}: set-up not over after ${deadlineMs} ms (${calls.length} calls so far; due: ${outbox.topics.join(', ')})`);
    }
    const counts: Record<string, number> = {};
    for (const c of calls) counts[`${c.remote} ${c.call}`] = (counts[`${c.remote} ${c.call}`] ?? 0) + 1;
    const last = Math.max(...calls.map((c) => c.at));
    return {
      readyMs: last - firstAck, ackMs: Math.max(...acks) - sentAt,
      calls: calls.map((c) => ({ what: `${c.remote} ${c.call}`, atMs: c.at - firstAck })).sort((a, b) => a.atMs - b.atMs),
      counts,
      rooms: await targets.remotes.call<RoomAudit[]>('rooms', tag.toLowerCase()),
    };
  } finally {
    for (const client of clients) client.close();
  }
}
