import { TEAMS_PREFIX } from './teams-prefix';
import {
  type ChatGateway,
  type ConversationRef,
  type CreateRoom,
  type Link,
  type Logger,
  type MessageRef,
  MusterError,
  type PersonRef,
  type PostOptions,
  type View,
} from '@muster/core';
import { LRUCache } from 'lru-cache';
import { botAccount, type BotConnectorClient } from './connector/bot-connector-client';
import { isRemoteError } from './connector/teams-api-error';
import type { TeamsConversationStore } from './conversations';
import { type CardRenderer, cardActivity } from './gateway/card-message';
import { ConversationTargets } from './gateway/conversation-targets';
import { PostFinder } from './gateway/post-finder';
import { addRoomMembers, type AddOutcome } from './gateway/room-members';
import { TeamsPoster } from './gateway/teams-poster';
import type { GraphClient } from './graph/graph-client';
import { channelDescription } from './rooms/channel-rooms';
import { chatTopicFor } from './rooms/group-chat-rooms';
import type { TeamsRoomSettings } from './rooms/room-kinds';
import { TeamsRoomCreator } from './rooms/teams-room-creator';

/** Microsoft's proactive endpoint for the public cloud, for conversations no activity has named yet. */
export const PUBLIC_CLOUD_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const MAX_BOOKMARK_TITLE = 200;

export interface TeamsChatGatewayOptions {
  /** `MICROSOFT_APP_ID` (the bot's Teams account is `28:<app id>`). */
  readonly appId: string;
  readonly connector: BotConnectorClient;
  readonly conversations: TeamsConversationStore;
  /** The cards helper's `renderCard`. */
  readonly renderCard: CardRenderer;
  /** Microsoft Graph, app-only; without it rooms are threads and members, topics and archiving are no-ops. */
  readonly graph?: GraphClient;
  readonly rooms?: TeamsRoomSettings;
  /** Service URL for conversations not seen yet (sovereign clouds set their own). */
  readonly serviceUrl?: string;
  readonly logger?: Logger;
  readonly rememberedPosts?: number;
}

/**
 * The ChatGateway for Microsoft Teams: the Bot Connector for messages, Microsoft Graph (when
 * configured) for rooms, members, topics and archiving. What Teams cannot do is said here once:
 * there are no ephemeral messages in channels (a private message is a 1:1 chat with the person),
 * bots cannot pin, and a bookmark is posted as a link message, once.
 */
export class TeamsChatGateway implements ChatGateway {
  readonly platform = 'teams' as const;
  /** How Teams users invoke Muster, for commands named in posts the outbox makes. */
  readonly prefix = TEAMS_PREFIX;
  private readonly targets: ConversationTargets;
  private readonly poster: TeamsPoster;
  private readonly rooms: TeamsRoomCreator;
  // Per instance by design: creating a 1:1 conversation with the same person returns the same id, so each instance learning it once is safe.
  private readonly personalChats = new LRUCache<string, Promise<string>>({ max: 20_000 });

  constructor(private readonly options: TeamsChatGatewayOptions) {
    this.targets = new ConversationTargets(options.conversations, options.serviceUrl ?? PUBLIC_CLOUD_SERVICE_URL);
    const finder = new PostFinder(options.graph);
    this.poster = new TeamsPoster(options.connector, this.targets, finder, options.renderCard, options.logger, options.rememberedPosts);
    this.rooms = new TeamsRoomCreator({
      connector: options.connector, graph: options.graph, targets: this.targets, finder, render: options.renderCard,
      appId: options.appId, settings: options.rooms ?? {}, logger: options.logger,
    });
  }

  createRoom(request: CreateRoom): Promise<ConversationRef> {
    return this.rooms.ensureCreated(request);
  }

  post(conversation: ConversationRef, view: View, options: PostOptions): Promise<MessageRef> {
    return this.poster.post(conversation, view, options);
  }

  async update(message: MessageRef, view: View): Promise<void> {
    const target = await this.targets.resolve(message.conversation);
    await this.options.connector.updateActivity(target.serviceUrl, target.conversationId, message.messageId, cardActivity(this.options.renderCard, view));
  }

  /** Teams has no ephemeral messages in channels or chats: the person gets it in their 1:1 chat with Muster. */
  async postEphemeral(conversation: ConversationRef, person: PersonRef, view: View): Promise<void> {
    if (person.platform !== 'teams') {
      throw new MusterError('invalid_argument', `Only a Teams user can get a private Teams message (got a ${person.platform} person).`);
    }
    const target = await this.targets.resolve(conversation);
    const chatId = await this.personalChat(conversation.workspaceId, person, target.serviceUrl);
    await this.options.connector.sendToConversation(target.serviceUrl, chatId, cardActivity(this.options.renderCard, view));
  }

  async invite(conversation: ConversationRef, people: readonly PersonRef[]): Promise<void> {
    await this.inviteWithOutcome(conversation, people);
  }

  async inviteWithOutcome(conversation: ConversationRef, people: readonly PersonRef[]): Promise<AddOutcome> {
    return addRoomMembers(this.options.graph, await this.targets.resolve(conversation), people, this.options.logger);
  }

  /** A channel's description or a group chat's title, through Graph; threads and 1:1s have no topic to set. */
  async setTopic(conversation: ConversationRef, topic: string): Promise<void> {
    const graph = this.options.graph;
    const target = await this.targets.resolve(conversation);
    if (graph && target.kind === 'channel' && target.teamId && target.channelId) {
      await graph.updateChannel(target.teamId, target.channelId, { description: channelDescription(topic) });
    } else if (graph && target.kind === 'groupChat') {
      await graph.updateChat(target.conversationId, { topic: chatTopicFor(topic) });
    } else {
      this.options.logger?.debug('Teams: this room has no topic Muster can set', { kind: target.kind });
    }
  }

  /** Teams offers bots no pin API: nothing to do (the card is the room's first message anyway). */
  async pin(_message: MessageRef): Promise<void> {}

  /** A tab per link would be heavy: the link is posted as a message, once per room and link. */
  async bookmark(conversation: ConversationRef, link: Link): Promise<void> {
    if (!/^https?:\/\//i.test(link.url) || !URL.canParse(link.url)) {
      throw new MusterError('invalid_argument', `A bookmark needs an http(s) link; "${link.url.slice(0, 100)}" is not one.`);
    }
    const title = [...(link.title.trim() || link.url)].slice(0, MAX_BOOKMARK_TITLE).join('');
    const view: View = { fallback: `${title}: ${link.url}`, blocks: [{ type: 'text', text: ['🔖 ', { link: { url: link.url, text: title } }] }] };
    await this.poster.post(conversation, view, { idempotencyKey: `bookmark:${link.url}` });
  }

  /** Archives an incident channel through Graph; threads, chats and 1:1s stay as they are. */
  async archive(conversation: ConversationRef): Promise<void> {
    const graph = this.options.graph;
    const target = await this.targets.resolve(conversation);
    if (!graph || target.kind !== 'channel' || !target.teamId || !target.channelId) {
      this.options.logger?.info('Teams: this room cannot be archived; it stays as it is', { kind: target.kind });
      return;
    }
    try {
      await graph.archiveChannel(target.teamId, target.channelId);
    } catch (error) {
      // Archiving an archived channel is already done.
      if (!isRemoteError(error, 409) && !isRemoteError(error, 400, 'ChannelAlreadyArchived')) throw error;
    }
  }

  /** The bot's 1:1 conversation with a person (Teams returns the existing one when there is one). */
  private personalChat(tenantId: string, person: PersonRef, serviceUrl: string): Promise<string> {
    const key = `${tenantId}:${person.id}`;
    const known = this.personalChats.get(key);
    if (known) return known;
    const opening = (async () => {
      const created = await this.options.connector.createConversation(serviceUrl, {
        isGroup: false, bot: botAccount(this.options.appId), members: [{ id: person.id }], tenantId, channelData: { tenant: { id: tenantId } },
      });
      await this.targets.save({ platform: 'teams', workspaceId: tenantId, conversationId: created.id, serviceUrl: created.serviceUrl ?? serviceUrl, kind: 'personal', lastSeenAt: new Date() });
      return created.id;
    })();
    this.personalChats.set(key, opening);
    opening.catch(() => this.personalChats.delete(key));
    return opening;
  }
}
