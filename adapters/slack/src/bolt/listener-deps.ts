import type { SlackDirectory } from '../slack-directory';
import type { BotIdentity } from './bot-identity';
import type { MusterEntryPoints } from './entry-points';
import type { InstallationRemover } from './installation-store';
import type { ModalEnvelope } from './modal-envelope';
import type { ReplyDelivery } from './reply-delivery';

/** What every listener registration gets: core's doors and the Slack-side helpers. */
export interface ListenerDeps {
  readonly core: MusterEntryPoints;
  readonly replies: ReplyDelivery;
  readonly directory: SlackDirectory;
  readonly identity: BotIdentity;
  /** Seals where a modal was opened, so a submission cannot name another channel. */
  readonly envelope: ModalEnvelope;
  /** Multi-workspace mode only: forgets a workspace that removed the app. */
  readonly installations?: InstallationRemover;
}
