import { type ConversationRef, type CreateRoom, MusterError } from '@muster/core';
import { channelNameFrom, channelNameWithSuffix } from '../graph/channel-name';
import type { GraphClient } from '../graph/graph-client';
import { isGraphConflict } from '../graph/graph-errors';
import type { GraphChannel } from '../graph/graph-types';
import { type RoomContext, savedRoom } from './room-context';
import { teamsMembers } from './room-kinds';
import { channelLink } from './room-links';

/** How many names (`x`, `x-2` … `x-20`) are tried before giving up on a clash. */
export const MAX_CHANNEL_NAME_ATTEMPTS = 20;
/** Teams keeps channel descriptions to 1,024 characters. */
const MAX_DESCRIPTION = 1024;

export const channelDescription = (topic: string): string => [...topic.replace(/\s+/g, ' ').trim()].slice(0, MAX_DESCRIPTION).join('');

/** Raised when the team is full, so the caller can fall back to a thread. */
export class ChannelLimitReached extends MusterError {
  constructor(cause: unknown) {
    super('conflict', 'The incidents team holds as many channels as Teams allows (1,000 including those deleted in the last 30 days, at most 30 private).', { reason: 'channel_limit' }, { cause });
  }
}

/**
 * A channel per incident in the incidents team, through Graph (`POST /teams/{id}/channels`). A taken
 * name moves on to the next free one; a private incident's channel is private with the declarer as
 * its owner. The channel's description is the incident's topic, which is how a channel an
 * interrupted attempt made is recognised (by one of the expected names, with that description, not
 * archived) and adopted instead of making a second.
 */
export async function openChannelRoom(context: RoomContext, request: CreateRoom, membership: 'standard' | 'private'): Promise<ConversationRef> {
  const graph = context.graph as GraphClient;
  const teamId = context.settings.incidentsTeamId as string;
  const base = channelNameFrom(request.name);
  const names = Array.from({ length: MAX_CHANNEL_NAME_ATTEMPTS }, (_, i) => channelNameWithSuffix(base, i + 1));
  const description = channelDescription(request.topic);
  const owner = membership === 'private' ? teamsMembers(request)[0] : undefined;
  const serviceUrl = (await context.targets.resolve({ workspaceId: request.workspaceId, conversationId: context.settings.incidentsChannelId ?? teamId })).serviceUrl;
  const made = (channel: GraphChannel, name: string) => savedRoom(context, request, {
    conversationId: channel.id, kind: 'channel', name, serviceUrl, teamId, channelId: channel.id,
    url: channel.webUrl ?? channelLink(channel.id, name, teamId, request.workspaceId),
  });
  if (request.uncertainSince) {
    const earlier = await findOurs(graph, teamId, names, description);
    if (earlier) return made(earlier, earlier.displayName ?? names[0]!);
  }
  for (const name of names) {
    try {
      const channel = await graph.createChannel(teamId, { displayName: name, description, membershipType: membership, ...(owner ? { ownerId: owner.id } : {}) });
      return await made(channel, channel.displayName ?? name);
    } catch (error) {
      if (isGraphConflict(error, 'channel_limit')) throw new ChannelLimitReached(error);
      if (!isGraphConflict(error, 'name_taken')) throw error;
      // Two workers racing on one incident: the other made it a moment ago.
      const ours = await findOurs(graph, teamId, [name], description);
      if (ours) return made(ours, name);
    }
  }
  throw new MusterError('conflict', `Every channel name from "${names[0]}" to "${names[names.length - 1]}" is taken in the incidents team. Archive or rename old incident channels.`, { name: base });
}

/** The channel among `names` (earliest first) with this description: one an earlier attempt made. */
async function findOurs(graph: GraphClient, teamId: string, names: readonly string[], description: string): Promise<GraphChannel | undefined> {
  const rank = new Map(names.map((n, i) => [n.toLowerCase(), i]));
  const fits = (c: GraphChannel) => !c.isArchived && (c.description ?? '') === description && rank.has((c.displayName ?? '').toLowerCase());
  const candidates = (await graph.listChannels(teamId)).filter(fits);
  candidates.sort((a, b) => rank.get(a.displayName!.toLowerCase())! - rank.get(b.displayName!.toLowerCase())!);
  return candidates[0];
}
