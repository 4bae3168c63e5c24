import { MusterError } from '../../errors';
import type { CommandReply } from '../commands/command-reply';
import type { Logger } from '../ports/system.port';
import type { ReplySurface } from './inbound.port';
import { deliverReply, describeFailures, type DeliveryOptions } from './reply-delivery';

/**
 * Work that runs after the platform has its answer: opening a form, attaching a document, posting the
 * reply to a button or form. Chat platforms want their HTTP answer within seconds (Slack 3 s), and a
 * listener that awaited this work would hold it; the adapter starts the work here instead and returns.
 * Failures are logged (there is nobody left to answer); `idle()` lets a graceful stop or a test wait.
 */
export class AfterAck {
  private readonly running = new Set<Promise<void>>();

  /** `platform` names the follow-ups in the log (`Slack follow-up failed: …`). */
  constructor(private readonly logger: Logger, private readonly platform = 'Chat') {}

  run(what: string, work: () => Promise<void>): void {
    const task = Promise.resolve().then(work)
      .catch((error: unknown) => this.logger.warn(`${this.platform} follow-up failed: ${what}`, { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Delivers a reply after the ack (reply-delivery.ts); what could not be delivered is logged. */
  deliver(what: string, reply: CommandReply, surface: ReplySurface, options?: DeliveryOptions): void {
    this.run(what, async () => {
      const failures = await deliverReply(reply, surface, options);
      if (failures.length) throw new MusterError('unavailable', describeFailures(failures));
    });
  }

  /** Resolves when every follow-up started so far (and any they started) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  get pending(): number {
    return this.running.size;
  }
}
