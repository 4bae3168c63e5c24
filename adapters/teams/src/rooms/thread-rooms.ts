import type { ConversationRef, CreateRoom } from '@muster/core';
import { botAccount } from '../connector/bot-connector-client';
import { TeamsApiError } from '../connector/teams-api-error';
import { cardActivity, postMarker } from '../gateway/card-message';
import { channelNameFrom } from '../graph/channel-name';
import { type RoomContext, roomHeaderView, savedRoom } from './room-context';
import { threadChannelFor } from './room-kinds';
import { THREAD_SEPARATOR, threadLink } from './room-links';

/**
 * A new thread per incident in the channel it was declared in, or the incidents channel (Bot Connector create conversation with
 * `channelData.channel.id`): no Graph needed, no channel limit. The thread's root message names the
 * room and carries the request's marker, so an interrupted attempt's thread can be found through
 * Graph (when configured) and adopted instead of opening a second one.
 */
export async function openThreadRoom(context: RoomContext, request: CreateRoom): Promise<ConversationRef> {
  const channelId = threadChannelFor(request, context.settings) as string;
  const channel = await context.targets.resolve({ workspaceId: request.workspaceId, conversationId: channelId });
  const teamId = context.settings.incidentsTeamId ?? channel.teamId;
  const target = { ...channel, kind: 'channel' as const, channelId, ...(teamId ? { teamId } : {}) };
  const name = channelNameFrom(request.name);
  const marker = postMarker(`room:${request.idempotencyKey}`);
  const made = (rootMessageId: string) => savedRoom(context, request, {
    conversationId: `${channelId}${THREAD_SEPARATOR}${rootMessageId}`, kind: 'thread', name, serviceUrl: channel.serviceUrl,
    url: threadLink(channelId, rootMessageId, request.workspaceId, teamId), channelId, ...(teamId ? { teamId } : {}),
  });
  if (request.uncertainSince) {
    if (context.finder.canLook(target)) {
      const earlier = await context.finder.find(target, marker, request.uncertainSince.getTime());
      if (earlier) return made(earlier);
    } else {
      context.logger?.warn('Teams: cannot look for the thread an interrupted attempt may have opened (Graph or the incidents team is not configured); opening one now', { room: name });
    }
  }
  const created = await context.connector.createConversation(channel.serviceUrl, {
    isGroup: true,
    bot: botAccount(context.appId),
    tenantId: request.workspaceId,
    channelData: { channel: { id: channelId }, tenant: { id: request.workspaceId } },
    activity: cardActivity(context.render, roomHeaderView(request, name), marker),
  });
  const rootMessageId = created.id.includes(THREAD_SEPARATOR) ? created.id.slice(created.id.indexOf(THREAD_SEPARATOR) + THREAD_SEPARATOR.length) : created.activityId;
  if (!rootMessageId) throw new TeamsApiError('internal', 'Teams opened the thread but named neither it nor its first message.', 'Bot Connector', 'create conversation', undefined, undefined, true);
  return made(rootMessageId);
}
