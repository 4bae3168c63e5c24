import type { AdaptiveCard } from '../cards';
import type { ChannelAccount, InboundActivity } from './activity.schema';

/** An Adaptive Card as a message attachment. */
export interface CardAttachment {
  readonly contentType: 'application/vnd.microsoft.card.adaptive';
  readonly content: AdaptiveCard;
}

/** Teams' file cards (file-consent.ts): the offer to send a file, and the file once uploaded. */
export interface FileCardAttachment {
  readonly contentType: 'application/vnd.microsoft.teams.card.file.consent' | 'application/vnd.microsoft.teams.card.file.info';
  readonly name: string;
  readonly contentUrl?: string;
  readonly content: Readonly<Record<string, unknown>>;
}

/** A message Muster sends: text, a card, or both (the text is the notification preview). */
export interface OutgoingMessage {
  readonly text?: string;
  readonly attachments?: readonly (CardAttachment | FileCardAttachment)[];
}

/**
 * The synchronous answer to an Action.Execute invoke (Universal Actions): a card that replaces the one
 * the button was on for the person who pressed it, or a short message Teams shows them (the card stays).
 */
export type InvokeAnswer =
  | { readonly kind: 'card'; readonly card: CardAttachment['content'] }
  | { readonly kind: 'message'; readonly text: string }
  /** Just 200: what Teams expects for a `fileConsent/invoke` (what follows is posted). */
  | { readonly kind: 'ok' };

/**
 * One inbound activity and what can be done while it is being handled. The SDK's TurnContext sits
 * behind it (agents-turn.ts), so routing and replies are written against Muster's own shapes.
 */
export interface TeamsTurn {
  readonly activity: InboundActivity;
  /** Posts in this conversation; for a channel message, in its thread. Resolves to the new message's id. */
  reply(message: OutgoingMessage): Promise<string | undefined>;
  /** Replaces a message the bot posted earlier in this conversation. */
  update(activityId: string, message: OutgoingMessage): Promise<void>;
  /** Posts in a 1:1 chat between the bot and the activity's sender, opening it if needed. */
  sendPrivately(message: OutgoingMessage): Promise<void>;
  /** Sets the invoke response; only meaningful for `invoke` activities. */
  answerInvoke(answer: InvokeAnswer): Promise<void>;
  /** A member of this conversation as the Bot Connector roster knows them (for their AAD object id). */
  member(memberId: string): Promise<ChannelAccount | undefined>;
}
