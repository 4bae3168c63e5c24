import { SLACK_COMMAND } from './manifest';
import {
  type ChatGateway,
  type ConversationRef,
  type CreateRoom,
  type Link,
  type MessageRef,
  MusterError,
  type PersonRef,
  type PostOptions,
  type View,
} from '@muster/core';
import { BoundedCache } from '@muster/core';
import { IdempotentPoster } from './idempotent-poster';
import { inviteInBatches, type InviteOutcome } from './invite';
import { safeLinkUrl } from './render/mrkdwn';
import { renderBlocks } from './render/render-blocks';
import { truncatePlain } from '@muster/core';
import { type SlackWebClient } from './slack-web-client';
import { isSlackError } from './slack-errors';
import { RoomCreator, slackTopicText } from './room-creator';

export interface SlackChatGatewayOptions {
  /** How many post keys and created rooms this process remembers for idempotency. */
  readonly rememberedPosts?: number;
  readonly maxChannelNameAttempts?: number;
}

/** A bookmark's title longer than this is cut (Slack shows little more in the channel header). */
const MAX_BOOKMARK_TITLE = 100;

/**
 * The ChatGateway for Slack over the Web API. Every failure is a MusterError: Slack's `ok:false`
 * codes become readable messages (SlackApiError), HTTP 429 becomes RateLimitedError with the
 * Retry-After delay, and errors Slack reports for work already done (`already_pinned`,
 * `already_archived`, `already_in_channel`) are treated as success, so the outbox can retry anything.
 */
export class SlackChatGateway implements ChatGateway {
  readonly platform = 'slack' as const;
  readonly prefix = SLACK_COMMAND;
  /** conversations.setTopic is a call of its own: room set-up runs it beside the card (topicLater). */
  readonly topicApart = true;
  private readonly poster: IdempotentPoster;
  private readonly rooms: RoomCreator;
  private readonly bookmarked = new BoundedCache<string, true>(5000);

  constructor(
    private readonly api: SlackWebClient,
    options: SlackChatGatewayOptions = {},
  ) {
    this.poster = new IdempotentPoster(api, options.rememberedPosts);
    this.rooms = new RoomCreator(api, options.maxChannelNameAttempts);
  }

  async createRoom(request: CreateRoom): Promise<ConversationRef> {
    const room = await this.rooms.ensureCreated(request);
    if (!request.topicLater && request.topic.trim() !== '') await this.setTopic(room, request.topic);
    return room;
  }

  post(conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef> {
    return this.poster.post(conversation, view, options);
  }

  async update(message: MessageRef, view: View): Promise<void> {
    const rendered = renderBlocks(view);
    await this.api.call(message.conversation.workspaceId, 'chat.update', (web, token) =>
      web.chat.update({ token, channel: message.conversation.conversationId, ts: message.messageId, text: rendered.text, blocks: rendered.blocks }),
    );
  }

  async postEphemeral(conversation: ConversationRef, person: PersonRef, view: View): Promise<void> {
    if (person.platform !== 'slack') {
      throw new MusterError('invalid_argument', `Only a Slack user can see a private Slack message (got a ${person.platform} person).`);
    }
    const rendered = renderBlocks(view);
    await this.api.call(conversation.workspaceId, 'chat.postEphemeral', (web, token) =>
      web.chat.postEphemeral({ token, channel: conversation.conversationId, user: person.id, text: rendered.text, blocks: rendered.blocks }),
    );
  }

  /**
   * Invites in batches of up to 1000. People already there (or Muster itself) are skipped silently;
   * anyone else Slack refuses is logged, without failing the others. {@link inviteWithOutcome} says who.
   */
  async invite(conversation: ConversationRef, people: readonly PersonRef[]): Promise<void> {
    await this.inviteWithOutcome(conversation, people);
  }

  async inviteWithOutcome(conversation: ConversationRef, people: readonly PersonRef[]): Promise<InviteOutcome> {
    const outcome = await inviteInBatches(this.api, conversation, people);
    if (outcome.failed.length > 0) {
      this.api.logger?.warn('Some people could not be invited to the Slack channel', {
        channel: conversation.conversationId,
        failed: outcome.failed.map((f) => `${f.userId}: ${f.error}`),
      });
    }
    return outcome;
  }

  async setTopic(conversation: ConversationRef, topic: string): Promise<void> {
    const text = slackTopicText(topic);
    await this.api.call(conversation.workspaceId, 'conversations.setTopic', (web, token) =>
      web.conversations.setTopic({ token, channel: conversation.conversationId, topic: text }),
    );
  }

  async pin(message: MessageRef): Promise<void> {
    try {
      await this.api.call(message.conversation.workspaceId, 'pins.add', (web, token) =>
        web.pins.add({ token, channel: message.conversation.conversationId, timestamp: message.messageId }),
      );
    } catch (error) {
      if (!isSlackError(error, 'already_pinned')) throw error;
    }
  }

  async bookmark(conversation: ConversationRef, link: Link): Promise<void> {
    const url = safeLinkUrl(link.url);
    if (!url || url.startsWith('mailto:')) throw new MusterError('invalid_argument', `A bookmark needs an http(s) link; "${link.url.slice(0, 100)}" is not one.`);
    const key = `${conversation.workspaceId}:${conversation.conversationId}:${link.url}`;
    // Slack keeps duplicate bookmarks; a retried call in this process must not add a second one.
    if (this.bookmarked.get(key)) return;
    await this.api.call(conversation.workspaceId, 'bookmarks.add', (web, token) =>
      web.bookmarks.add({ token, channel_id: conversation.conversationId, type: 'link', title: truncatePlain(link.title.trim() || link.url, MAX_BOOKMARK_TITLE), link: link.url }),
    );
    this.bookmarked.set(key, true);
  }

  async archive(conversation: ConversationRef): Promise<void> {
    try {
      await this.api.call(conversation.workspaceId, 'conversations.archive', (web, token) =>
        web.conversations.archive({ token, channel: conversation.conversationId }),
      );
    } catch (error) {
      if (!isSlackError(error, 'already_archived')) throw error;
    }
  }
}
