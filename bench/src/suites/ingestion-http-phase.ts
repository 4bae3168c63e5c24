import { KeepAliveClient } from '../http/keep-alive-client';
import { runClosedLoop, type LoadOutcome } from '../http/closed-loop';
import { messageEventBody, type BenchWorkspace } from '../slack/slack-payloads';
import { signedHeaders } from '../slack/slack-signing';
import { JSON_TYPE, SIGNING_SECRET } from '../slack/slack-targets';
import type { Delivery } from './ingestion-plan';

export interface EventDeliveryOutcome {
  readonly outcome: LoadOutcome;
  /** Deliveries answered 200, originals and redeliveries. */
  readonly acked: number;
  /** event_ids with at least one delivery answered 200: Slack would consider these delivered. */
  readonly ackedEventIds: ReadonlySet<string>;
  readonly perSecond: number;
}

/** Delivers `deliveries` as signed Events API POSTs from `concurrency` keep-alive clients. */
export async function deliverEvents(url: string, workspace: BenchWorkspace, channelId: string, deliveries: readonly Delivery[], options: {
  readonly concurrency: number; readonly deadlineMs: number; readonly onProgress?: (done: number) => void;
}): Promise<EventDeliveryOutcome> {
  const client = new KeepAliveClient(url, options.concurrency);
  const ackedEventIds = new Set<string>();
  try {
    const outcome = await runClosedLoop({
      requests: deliveries.length, concurrency: options.concurrency, deadlineMs: options.deadlineMs, onProgress: options.onProgress,
      send: async (i) => {
        const { message, retry } = deliveries[i];
        const body = messageEventBody(workspace, { channelId, userId: message.userId, text: message.text, ts: message.ts, eventId: message.eventId });
        const headers = signedHeaders(SIGNING_SECRET, body, JSON_TYPE, retry ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } : {});
        const answer = await client.post(body, headers);
        if (answer.status === 200) ackedEventIds.add(message.eventId);
        return answer;
      },
    });
    return { outcome, acked: outcome.latencies.length, ackedEventIds, perSecond: (outcome.latencies.length / outcome.wallMs) * 1000 };
  } finally {
    client.close();
  }
}
