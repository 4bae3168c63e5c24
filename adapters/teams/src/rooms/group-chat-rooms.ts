import type { ConversationRef, CreateRoom } from '@muster/core';
import { isRemoteError } from '../connector/teams-api-error';
import type { GraphClient } from '../graph/graph-client';
import type { GraphChat } from '../graph/graph-types';
import { type RoomContext, savedRoom } from './room-context';
import { teamsMembers } from './room-kinds';
import { chatLink } from './room-links';

/** Teams shows a chat's topic as its title; long ones are cut in the client anyway. */
const MAX_CHAT_TOPIC = 250;

export const chatTopicFor = (name: string): string => [...name.replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim()].slice(0, MAX_CHAT_TOPIC).join('') || 'incident';

/**
 * A group chat of the private incident's responders (`POST /chats`, chatType group, every member
 * named as Graph requires), with Muster's app added so the bot can post there. A chat an
 * interrupted attempt made is found among the declarer's group chats by its title and adopted;
 * adding the app again is harmless (409), so adoption always ensures it.
 */
export async function openGroupChatRoom(context: RoomContext, request: CreateRoom): Promise<ConversationRef> {
  const graph = context.graph as GraphClient;
  const members = teamsMembers(request);
  const topic = chatTopicFor(request.name);
  const earlier = request.uncertainSince ? await findOurs(graph, members[0]!.id, topic) : undefined;
  const chat = earlier ?? (await graph.createChat({ topic, memberIds: members.map((m) => m.id) }));
  try {
    await graph.installAppInChat(chat.id, context.settings.teamsAppId as string);
  } catch (error) {
    if (!isRemoteError(error, 409)) throw error;
  }
  const serviceUrl = (await context.targets.resolve({ workspaceId: request.workspaceId, conversationId: chat.id })).serviceUrl;
  return savedRoom(context, request, {
    conversationId: chat.id, kind: 'groupChat', name: topic, serviceUrl, url: chat.webUrl ?? chatLink(chat.id, request.workspaceId),
  });
}

async function findOurs(graph: GraphClient, memberId: string, topic: string): Promise<GraphChat | undefined> {
  return (await graph.groupChatsOf(memberId)).find((c) => c.chatType !== 'oneOnOne' && c.topic === topic);
}
