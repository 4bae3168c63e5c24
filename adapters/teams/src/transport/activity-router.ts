import type { InboundPort, Logger } from '@muster/core';
import type { TeamsConversationStore } from '../conversations';
import { MemoryFileOfferStore, type TeamsFileOfferStore } from '../file-offer-store';
import { TrustedServiceHosts } from '../connector/trusted-hosts';
import { BoundedMemory } from './bounded-memory';
import type { TeamsCardKit } from './card-kit';
import { handleCardInvoke, handleCardSubmit } from './card-turn';
import { handleCommand } from './command-turn';
import { captureDelete, captureMessage, captureReaction, captureUpdate } from './capture-turn';
import { ConversationReferences } from './conversation-references';
import { FILE_CONSENT_INVOKE } from './file-consent';
import { handleFileConsent } from './file-consent-turn';
import { FileOffers } from './file-offers';
import { FileUploader } from './file-upload';
import { FormMemory } from './form-memory';
import { highlightReactionTypes } from './highlight-reactions';
import { isArrival, sayHello } from './install-turn';
import { messageTextOf } from './message-text';
import { baseConversationId, idempotencyKeyOf, isPersonalChat, sentAtOf, tenantOf } from './teams-context';
import { TeamsPeople } from './teams-people';
import type { TeamsTurn } from './teams-turn';
import type { TurnDeps } from './turn-deps';

export interface ActivityRouterOptions {
  readonly inbound: InboundPort;
  readonly cards: TeamsCardKit;
  readonly conversations: TeamsConversationStore;
  /** The Slack-named highlight reaction setting (`pushpin`); see highlight-reactions.ts for Teams' names. */
  readonly highlightReaction: string;
  readonly logger: Logger;
  /** Uploads an accepted file; by default only to https hosts. */
  readonly uploader?: FileUploader;
  /** Where offered documents wait for the person's answer (the server's `store.teamsFileOffers`); by default this process's memory. */
  readonly fileOffers?: TeamsFileOfferStore;
  readonly onWorkQueued?: () => void;
  readonly now?: () => Date;
}

/**
 * Every checked Teams activity, to the core call it means. Commands are @mentions of Muster (any
 * message in the personal chat); other messages, edits, deletions and the highlight reaction are
 * the incident room's timeline; card presses are actions and forms; Muster's arrival in a team or chat
 * is greeted. Every activity keeps the conversation's stored reference current.
 */
export class ActivityRouter {
  private readonly deps: TurnDeps;
  private readonly references: ConversationReferences;
  private readonly highlight: ReadonlySet<string>;
  /**
   * Commands and greetings answered (or being answered) here: a redelivery (same activity id) is not
   * answered twice, nor is the second of two arrivals Teams sends at once (installationUpdate and
   * conversationUpdate when Muster is added to a team). Per instance: a redelivery reaching another
   * instance runs the command again, where core's durable inbox makes it a replay (no second effect;
   * the answer says it was already done), and the two arrivals may each say hello once.
   */
  private readonly answered = new BoundedMemory<Promise<void>>(10_000);

  constructor(options: ActivityRouterOptions) {
    this.deps = {
      inbound: options.inbound, cards: options.cards, logger: options.logger,
      people: new TeamsPeople(), forms: new FormMemory(), files: new FileOffers(options.fileOffers ?? new MemoryFileOfferStore(), options.now),
      uploader: options.uploader ?? new FileUploader({ configuredHosts: new TrustedServiceHosts() }),
      onWorkQueued: options.onWorkQueued ?? (() => undefined), now: options.now ?? (() => new Date()),
    };
    this.references = new ConversationReferences(options.conversations);
    this.highlight = highlightReactionTypes(options.highlightReaction);
  }

  async route(turn: TeamsTurn): Promise<void> {
    const a = turn.activity;
    const tenantId = tenantOf(a) as string; // the transport refuses activities without one
    await this.references.refresh(a, tenantId, sentAtOf(a, this.deps.now()));
    switch (a.type) {
      case 'message': return this.message(turn, tenantId);
      case 'messageUpdate': return captureUpdate(turn, this.deps, tenantId);
      case 'messageDelete': return captureDelete(turn, this.deps, tenantId);
      case 'messageReaction': return captureReaction(turn, this.deps, tenantId, this.highlight);
      case 'invoke':
        if (a.name === 'adaptiveCard/action') return handleCardInvoke(turn, this.deps, tenantId);
        if (a.name === FILE_CONSENT_INVOKE) {
          // A redelivery is not handled again, but each delivery needs its own invoke answer.
          await this.once(idempotencyKeyOf(a), () => handleFileConsent(turn, this.deps));
          return turn.answerInvoke({ kind: 'ok' });
        }
        return turn.answerInvoke({ kind: 'message', text: '' });
      case 'conversationUpdate':
      case 'installationUpdate':
        if (isArrival(turn)) await this.once(`hello:${tenantId}:${baseConversationId(a.conversation.id)}`, () => sayHello(turn, this.deps));
        return;
      default:
        return;
    }
  }

  private async message(turn: TeamsTurn, tenantId: string): Promise<void> {
    const a = turn.activity;
    if (a.from.id === a.recipient.id) return;
    if (a.value !== undefined && a.value !== null && !a.text) return this.once(idempotencyKeyOf(a), () => handleCardSubmit(turn, this.deps, tenantId));
    const { mentionsBot, text } = await messageTextOf(a, (m) => this.deps.people.personOf(turn, tenantId, m));
    if (mentionsBot || isPersonalChat(a)) return this.once(idempotencyKeyOf(a), () => handleCommand(turn, this.deps, tenantId, text));
    return captureMessage(turn, this.deps, tenantId, text);
  }

  /**
   * Runs `work` unless this key was already answered, or is being answered, by this process. The claim
   * is taken before the work starts, so a concurrent duplicate waits for the first; a failure releases it,
   * so the platform's retry is answered.
   */
  private once(key: string, work: () => Promise<void>): Promise<void> {
    const claimed = this.answered.get(key);
    if (claimed) return claimed;
    const attempt = work();
    this.answered.set(key, attempt);
    attempt.catch(() => {
      if (this.answered.get(key) === attempt) this.answered.delete(key);
    });
    return attempt;
  }
}
