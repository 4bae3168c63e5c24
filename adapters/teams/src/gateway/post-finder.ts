import type { GraphClient } from '../graph/graph-client';
import type { GraphMessage } from '../graph/graph-types';
import { carriesMarker } from './card-message';
import type { ConversationTarget } from './conversation-targets';

/** Look this far before the uncertain attempt began, for clock drift between us and Teams. */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Finds, through Microsoft Graph, a message Muster posted but never heard back about (its card
 * carries the post's marker). Teams' Bot Connector cannot list a conversation's messages, Graph can:
 * channel messages and replies with the RSC permission `ChannelMessage.Read.Group`, chat messages
 * with `ChatMessage.Read.Chat`. Without Graph, or for a 1:1 chat (whose Graph id differs from the
 * bot's conversation id), there is nothing to read: `canLook` says so and the caller decides.
 */
export class PostFinder {
  constructor(private readonly graph: GraphClient | undefined) {}

  canLook(target: ConversationTarget): boolean {
    if (!this.graph) return false;
    if (target.kind === 'groupChat') return true;
    return (target.kind === 'channel' || target.kind === 'thread') && !!target.teamId && !!target.channelId;
  }

  /** The id of the message carrying `marker`, posted since `since` (ms), in the conversation or the thread `threadId`. */
  async find(target: ConversationTarget, marker: string, since: number, threadId?: string): Promise<string | undefined> {
    if (!this.graph || !this.canLook(target)) return undefined;
    const messages = await this.messagesOf(this.graph, target, threadId ?? target.rootMessageId);
    const earliest = since - CLOCK_MARGIN_MS;
    return messages.find((m) => (!m.createdDateTime || Date.parse(m.createdDateTime) >= earliest) && carriesMarker(m, marker))?.id;
  }

  private messagesOf(graph: GraphClient, target: ConversationTarget, threadId: string | undefined): Promise<GraphMessage[]> {
    if (target.kind === 'groupChat') return graph.chatMessages(target.conversationId);
    const teamId = target.teamId as string;
    const channelId = target.channelId as string;
    return threadId ? graph.channelReplies(teamId, channelId, threadId) : graph.channelMessages(teamId, channelId);
  }
}
