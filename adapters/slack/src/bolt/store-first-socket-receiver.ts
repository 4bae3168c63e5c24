import { isMusterError, type Logger } from '@muster/core';
import { type App, type ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import { musterCauseOf } from './delivery-failures';
import { checkInbound } from './inbound-check';

type SocketModeReceiverOptions = ConstructorParameters<typeof SocketModeReceiver>[0];
type AckBody = Record<string, unknown> | undefined;

/** What SocketModeClient emits as `slack_event` for each envelope. */
interface SocketEnvelope {
  readonly body: unknown;
  readonly ack: (response?: AckBody) => Promise<void>;
  readonly type?: string;
  readonly retry_num?: number;
  readonly retry_reason?: string;
}

/**
 * Socket Mode with HTTP mode's promise: an envelope is acknowledged only once what it carries is
 * stored. Bolt's SocketModeReceiver hands the socket's ack to the app, and the app acknowledges an
 * event before its listener runs, so an event arriving while the database is down was acked and
 * lost. Here the app's ack only records the answer (as `processBeforeResponse` does for HTTP); the
 * envelope is acked with it after the listeners return. A storage outage leaves it unacked, so Slack
 * delivers it again (the idempotency keys make that harmless). Any other failure is acked, since a
 * redelivery would fail the same way; it is logged. Payloads are checked at the edge as over HTTP.
 */
export class StoreFirstSocketModeReceiver extends SocketModeReceiver {
  private target: App | undefined;

  constructor(options: SocketModeReceiverOptions, private readonly musterLogger: Logger) {
    super(options);
    // Replaces the base receiver's handler (the one that lets the app ack early); the client is Bolt's.
    this.client.removeAllListeners('slack_event');
    this.client.on('slack_event', (envelope: SocketEnvelope) => void this.deliver(envelope));
  }

  override init(app: App): void {
    super.init(app);
    this.target = app;
  }

  private async deliver(envelope: SocketEnvelope): Promise<void> {
    const verdict = checkInbound(envelope.body);
    if (verdict.action !== 'use') {
      this.musterLogger.info('Slack payload answered at the edge, not processed', { kind: verdict.kind, reason: verdict.reason, transport: 'socket' });
      return this.acknowledge(envelope, undefined);
    }
    let answer: AckBody;
    let answered = false;
    const event: ReceiverEvent = {
      body: envelope.body as ReceiverEvent['body'],
      ack: async (response?: AckBody) => {
        if (answered) return;
        answered = true;
        answer = response;
      },
      ...(envelope.retry_num !== undefined ? { retryNum: envelope.retry_num } : {}),
      ...(envelope.retry_reason !== undefined ? { retryReason: envelope.retry_reason } : {}),
      customProperties: {},
    };
    try {
      await this.target?.processEvent(event);
    } catch (error) {
      const cause = musterCauseOf(error);
      if (isMusterError(cause, 'unavailable')) {
        this.musterLogger.warn('Slack envelope not stored: a dependency is unavailable; left unacknowledged so Slack delivers it again', { error: cause.message, type: envelope.type });
        return;
      }
      this.musterLogger.error('A Slack request over Socket Mode failed', { err: error, type: envelope.type });
    }
    await this.acknowledge(envelope, answer);
  }

  private async acknowledge(envelope: SocketEnvelope, answer: AckBody): Promise<void> {
    try {
      await envelope.ack(answer);
    } catch (error) {
      // The socket closed meanwhile: Slack did not get the ack and will deliver the envelope again.
      this.musterLogger.warn('Could not acknowledge a Slack envelope; Slack will deliver it again', { error: error instanceof Error ? error.message : String(error) });
    }
  }
}
