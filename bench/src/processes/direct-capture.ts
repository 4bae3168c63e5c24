import type { CaptureFn, CaptureVariant } from './capture-variants';
import { planDeliveries, planMessages } from '../suites/ingestion-plan';

type Room = { readonly platform: 'slack'; readonly workspaceId: string; readonly conversationId: string };

export interface DirectCaptureRequest {
  readonly teamId: string;
  readonly channelId: string;
  readonly speakerIds: readonly string[];
  readonly count: number;
  readonly seed: number;
  readonly redeliverFraction: number;
  readonly concurrency: number;
  readonly deadlineMs: number;
  /** Default `capture` (production); the others are diagnostics, see capture-variants.ts. */
  readonly variant?: CaptureVariant;
}

export interface DirectCaptureOutcome {
  readonly calls: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly failed: number;
  readonly firstError?: string;
  readonly wallMs: number;
  readonly perSecond: number;
  readonly cpuMs: number;
}

/**
 * The store path alone, inside the running server: `CaptureConversation.message` from the server's own
 * container, with exactly the arguments the Slack message listener passes, `concurrency` callers at
 * once, no HTTP and no Bolt. Against the full path it shows what the transport costs.
 */
export async function runDirectCapture(buildCapture: (room: Room) => Promise<CaptureFn>, request: DirectCaptureRequest): Promise<DirectCaptureOutcome> {
  const deliveries = planDeliveries(planMessages(request.count, request.seed, request.speakerIds), request.redeliverFraction, request.seed);
  const room: Room = { platform: 'slack', workspaceId: request.teamId, conversationId: request.channelId };
  const capture = await buildCapture(room);
  let next = 0;
  let stored = 0;
  let duplicates = 0;
  let failed = 0;
  let firstError: string | undefined;
  const until = Date.now() + request.deadlineMs;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const caller = async () => {
    while (next < deliveries.length && Date.now() < until) {
      const { message } = deliveries[next++];
      try {
        const result = await capture({
          room, messageId: message.ts, author: { platform: 'slack', id: message.userId }, text: message.text,
          sentAt: new Date(Math.round(Number(message.ts) * 1000)), idempotencyKey: `slack:${message.eventId}`, files: [],
        });
        if (result === 'stored') stored++;
        else if (result === 'duplicate') duplicates++;
        else throw new Error(`capture answered ${result}`);
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: request.concurrency }, caller));
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    calls: next, stored, duplicates, failed, ...(firstError ? { firstError } : {}),
    wallMs, perSecond: ((stored + duplicates) / wallMs) * 1000, cpuMs: (cpu.user + cpu.system) / 1000,
  };
}
