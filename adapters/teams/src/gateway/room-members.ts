import type { Logger, PersonRef } from '@muster/core';
import { TeamsApiError } from '../connector/teams-api-error';
import type { GraphClient } from '../graph/graph-client';
import type { ConversationTarget } from './conversation-targets';

export interface AddOutcome {
  readonly added: readonly string[];
  /** Nothing to do: already a member, or a room everyone in the team already sees. */
  readonly skipped: readonly string[];
  readonly failed: readonly { readonly id: string; readonly reason: string }[];
}

/** Refusals about one person (unknown user, already there, a guest the chat cannot take), not the room. */
const ABOUT_ONE_PERSON = new Set([400, 404, 409]);

/**
 * Adds people to a Teams room where its kind has members of its own: a group chat, a private
 * channel. A standard channel or a thread in one is open to the whole team, a 1:1 has no room for
 * more; those are a logged no-op, as is everything without Graph. One person Teams refuses does not
 * stop the others; a refusal about the room itself (permissions, the room is gone) is thrown.
 */
export async function addRoomMembers(graph: GraphClient | undefined, target: ConversationTarget, people: readonly PersonRef[], logger: Logger | undefined): Promise<AddOutcome> {
  const others = people.filter((p) => p.platform !== 'teams').map((p) => `${p.platform}:${p.id}`);
  const ids = [...new Set(people.filter((p) => p.platform === 'teams').map((p) => p.id))];
  const failed = others.map((id) => ({ id, reason: 'not_a_teams_user' }));
  const add = await adderFor(graph, target);
  if (!add) {
    logger?.info('Teams: this room has no members of its own to add people to; nothing to do', { kind: target.kind, people: ids.length });
    return { added: [], skipped: ids, failed };
  }
  const added: string[] = [];
  const skipped: string[] = [];
  for (const id of ids) {
    try {
      await add(id);
      added.push(id);
    } catch (error) {
      if (!(error instanceof TeamsApiError) || error.status === undefined || !ABOUT_ONE_PERSON.has(error.status)) throw error;
      if (error.status === 409) skipped.push(id);
      else failed.push({ id, reason: error.remoteCode ?? `http_${error.status}` });
    }
  }
  if (failed.length > 0) logger?.warn('Teams: some people could not be added to the room', { kind: target.kind, failed: failed.map((f) => `${f.id}: ${f.reason}`) });
  return { added, skipped, failed };
}

async function adderFor(graph: GraphClient | undefined, target: ConversationTarget): Promise<((userId: string) => Promise<void>) | undefined> {
  if (!graph) return undefined;
  if (target.kind === 'groupChat') return (userId) => graph.addChatMember(target.conversationId, userId);
  if (target.kind !== 'channel' || !target.teamId || !target.channelId) return undefined;
  const { teamId, channelId } = target;
  const channel = await graph.channel(teamId, channelId);
  return channel.membershipType === 'private' ? (userId) => graph.addChannelMember(teamId, channelId, userId) : undefined;
}
