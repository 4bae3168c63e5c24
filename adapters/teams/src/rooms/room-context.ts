import type { ConversationRef, CreateRoom, Logger, View } from '@muster/core';
import type { BotConnectorClient } from '../connector/bot-connector-client';
import type { TeamsConversationKind } from '../conversations';
import type { CardRenderer } from '../gateway/card-message';
import type { ConversationTargets } from '../gateway/conversation-targets';
import type { PostFinder } from '../gateway/post-finder';
import type { GraphClient } from '../graph/graph-client';
import type { TeamsRoomSettings } from './room-kinds';

/** What every kind of room creation uses. */
export interface RoomContext {
  readonly connector: BotConnectorClient;
  readonly graph: GraphClient | undefined;
  readonly targets: ConversationTargets;
  readonly finder: PostFinder;
  readonly render: CardRenderer;
  /** The bot's app id (its Teams account is `28:<app id>`). */
  readonly appId: string;
  readonly settings: TeamsRoomSettings;
  readonly logger: Logger | undefined;
}

/** A room as made on Teams, before it is saved and returned. */
export interface MadeRoom {
  readonly conversationId: string;
  readonly kind: TeamsConversationKind;
  readonly name: string;
  readonly url: string;
  readonly serviceUrl: string;
  readonly teamId?: string;
  readonly channelId?: string;
}

/** Every room is saved as a conversation reference, so the bot can post to it after a restart. */
export async function savedRoom(context: RoomContext, request: CreateRoom, room: MadeRoom): Promise<ConversationRef> {
  await context.targets.save({
    platform: 'teams', workspaceId: request.workspaceId, conversationId: room.conversationId, serviceUrl: room.serviceUrl, kind: room.kind, lastSeenAt: new Date(),
    name: room.name, ...(room.teamId ? { teamId: room.teamId } : {}), ...(room.channelId ? { channelId: room.channelId } : {}),
  });
  // A thread room lives in a channel: core then knows its root post is already there for all to see.
  const parent = room.kind === 'thread' && room.channelId ? { parentConversationId: room.channelId } : {};
  return { platform: 'teams', workspaceId: request.workspaceId, conversationId: room.conversationId, name: room.name, url: room.url, ...parent };
}

/** The first message of a thread room: its name and topic, nothing else. */
export const roomHeaderView = (request: CreateRoom, name: string): View => ({
  fallback: request.topic.trim() ? `${name}: ${request.topic}` : name,
  blocks: [{ type: 'header', text: name }, ...(request.topic.trim() ? [{ type: 'text' as const, text: [request.topic] }] : [])],
});
