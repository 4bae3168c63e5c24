import type { ConversationRef } from '@muster/core';
import type { TeamsConversationKind, TeamsConversationReference, TeamsConversationStore } from '../conversations';
import { splitThreadId } from '../rooms/room-links';

/** Where and what a conversation is, as far as Muster knows: enough to post to it and look in it. */
export interface ConversationTarget {
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly kind: TeamsConversationKind;
  readonly teamId?: string;
  /** For channels and threads: the channel's id (a thread's conversation id without `;messageid=`). */
  readonly channelId?: string;
  /** For threads: the root message. */
  readonly rootMessageId?: string;
}

/** What a Teams conversation id says about its kind when nothing is stored about it. */
export function kindFromId(conversationId: string): TeamsConversationKind {
  const { messageId } = splitThreadId(conversationId);
  if (messageId) return 'thread';
  if (conversationId.startsWith('a:') || conversationId.endsWith('@unq.gbl.spaces')) return 'personal';
  if (conversationId.endsWith('@thread.v2')) return 'groupChat';
  return 'channel';
}

/**
 * Resolves a ConversationRef to a target from the stored conversation references (the transport
 * saves one for every conversation an activity arrives from; room creation saves the rooms). A
 * thread nobody stored borrows its channel's service URL and team. A conversation no activity has
 * named yet (a stakeholder channel from muster.yaml) is reached through the service URL its tenant
 * was last heard on (service URLs are regional, per tenant); with nothing stored for the tenant, the
 * configured one (Microsoft's proactive endpoint for the cloud Muster runs in).
 */
export class ConversationTargets {
  constructor(
    private readonly store: TeamsConversationStore,
    private readonly defaultServiceUrl: string,
  ) {}

  async resolve(conversation: Pick<ConversationRef, 'workspaceId' | 'conversationId'>): Promise<ConversationTarget> {
    const { workspaceId, conversationId } = conversation;
    const { channelId, messageId } = splitThreadId(conversationId);
    const stored = await this.store.find('teams', workspaceId, conversationId);
    const channel = messageId && !stored ? await this.store.find('teams', workspaceId, channelId) : undefined;
    const known = stored ?? channel;
    const kind = stored?.kind ?? kindFromId(conversationId);
    const isChannelLike = kind === 'channel' || kind === 'thread';
    const serviceUrl = known?.serviceUrl ?? (await this.store.findLatestInWorkspace('teams', workspaceId))?.serviceUrl ?? this.defaultServiceUrl;
    return {
      conversationId,
      serviceUrl,
      kind,
      ...(known?.teamId ? { teamId: known.teamId } : {}),
      ...(isChannelLike ? { channelId: stored?.channelId ?? channelId } : {}),
      ...(messageId ? { rootMessageId: messageId } : {}),
    };
  }

  save(reference: TeamsConversationReference): Promise<void> {
    return this.store.save(reference);
  }
}
