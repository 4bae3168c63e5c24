import type { InboundPort, Logger } from '@muster/core';
import type { SlackDirectory } from '../slack-directory';
import type { BotIdentity } from './bot-identity';
import type { InstallationRemover } from './installation-store';
import type { ModalEnvelope } from './modal-envelope';
import type { SlackReplies } from './reply-delivery';

/**
 * What the Slack transport needs from core: the one inbound port every platform calls, and how this
 * process is set up around it. Plain shapes, so the Bolt layer can be built without a container.
 */
export interface SlackCore {
  readonly inbound: InboundPort;
  /** The reaction that marks a highlight, without colons (`pushpin`). */
  readonly highlightReaction: string;
  readonly logger: Logger;
  /**
   * Called after a request may have queued outbox work (a declare, a button), so the server can run
   * it at once instead of at its next poll. Never awaited: the ack does not wait for it.
   */
  readonly onWorkQueued?: () => void;
}

/** What every listener registration gets: core's door and the Slack-side helpers. */
export interface ListenerDeps {
  readonly core: SlackCore;
  readonly replies: SlackReplies;
  readonly directory: SlackDirectory;
  readonly identity: BotIdentity;
  /** Seals where a modal was opened, so a submission cannot name another channel. */
  readonly envelope: ModalEnvelope;
  /** Multi-workspace mode only: forgets a workspace that removed the app. */
  readonly installations?: InstallationRemover;
}
