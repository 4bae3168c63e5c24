import { Activity, ActivityTypes, type ChannelAccount as SdkAccount } from '@microsoft/agents-activity';
import type { ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import { MusterError, BoundedCache } from '@muster/core';
import { cardSummary } from '../gateway/card-message';
import { channelAccount, type ChannelAccount, type InboundActivity } from './activity.schema';
import { baseConversationId } from './teams-context';
import type { InvokeAnswer, OutgoingMessage, TeamsTurn } from './teams-turn';

const INVOKE_TYPES = { card: 'application/vnd.microsoft.card.adaptive', message: 'application/vnd.microsoft.activity.message' } as const;

/**
 * The 1:1 chat of each person with Muster (`<serviceUrl> <tenant> <user>` → conversation id), shared by
 * every turn: a private answer then costs one Bot Connector call, not two. Teams keeps one personal chat
 * per user and bot, so a remembered id stays good; one that stops working is forgotten and made anew.
 */
export type PersonalChats = BoundedCache<string, string>;
export const personalChats = (): PersonalChats => new BoundedCache<string, string>(10_000, 24 * 60 * 60_000);

/** A TeamsTurn over the Agents SDK's TurnContext and the Bot Connector client the adapter made for it. */
export class AgentsTurn implements TeamsTurn {
  constructor(private readonly context: TurnContext, readonly activity: InboundActivity, private readonly chats: PersonalChats = personalChats()) {}

  async reply(message: OutgoingMessage): Promise<string | undefined> {
    const sent = await this.context.sendActivity(messageActivity(message));
    return sent?.id || undefined;
  }

  async update(activityId: string, message: OutgoingMessage): Promise<void> {
    await this.context.updateActivity(messageActivity(message, activityId));
  }

  async sendPrivately(message: OutgoingMessage): Promise<void> {
    const { recipient } = this.context.activity;
    const tenantId = this.activity.conversation.tenantId ?? this.activity.channelData?.tenant?.id ?? undefined;
    const key = `${this.activity.serviceUrl} ${tenantId ?? ''} ${this.activity.from.id}`;
    const outgoing = messageActivity(message);
    outgoing.from = recipient;
    const send = (conversationId: string) => {
      outgoing.conversation = { id: conversationId, isGroup: false, tenantId, conversationType: 'personal', name: '' };
      return this.connector().sendToConversation(conversationId, outgoing);
    };
    const known = this.chats.get(key);
    if (known) {
      try {
        await send(known);
        return;
      } catch {
        // Removed or never delivered: open it again below. A failure there is the answer's failure.
        this.chats.delete(key);
      }
    }
    const created = await this.connector().createConversation({
      isGroup: false,
      agent: recipient,
      members: [{ id: this.activity.from.id } as SdkAccount],
      tenantId,
      channelData: { tenant: { id: tenantId } },
      activity: undefined as unknown as Activity, // Teams opens a 1:1 chat without a first activity; the message follows.
    });
    if (!created?.id) throw new MusterError('unavailable', 'The Bot Connector opened no 1:1 conversation; the message will be retried.');
    this.chats.set(key, created.id);
    await send(created.id);
  }

  async answerInvoke(answer: InvokeAnswer): Promise<void> {
    const body = answer.kind === 'card' ? { statusCode: 200, type: INVOKE_TYPES.card, value: answer.card }
      : answer.kind === 'message' ? { statusCode: 200, type: INVOKE_TYPES.message, value: answer.text } : undefined;
    await this.context.sendActivity(Activity.fromObject({ type: ActivityTypes.InvokeResponse, value: { status: 200, ...(body ? { body } : {}) } }));
  }

  async member(memberId: string): Promise<ChannelAccount | undefined> {
    // The roster belongs to the chat or team, not to one thread of a channel.
    const found = await this.connector().getConversationMember(memberId, baseConversationId(this.activity.conversation.id));
    const parsed = channelAccount.safeParse(found);
    return parsed.success ? parsed.data : undefined;
  }

  private connector(): ConnectorClient {
    return this.context.turnState.get<ConnectorClient>(this.context.adapter.ConnectorClientKey);
  }
}

/** A message with a card carries its words as the summary (see cardSummary): one message in Teams, which can be updated. */
function messageActivity(message: OutgoingMessage, id?: string): Activity {
  const cards = message.attachments ?? [];
  const words = message.text ? (cards.length ? { summary: cardSummary(message.text) } : { text: message.text, textFormat: 'markdown' }) : {};
  return Activity.fromObject({
    type: ActivityTypes.Message,
    ...(id ? { id } : {}),
    ...words,
    ...(cards.length ? { attachments: cards.map((a) => ({ ...a })) } : {}),
  });
}
