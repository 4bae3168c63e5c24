import type { TeamsConversationKind, TeamsConversationReference, TeamsConversationStore } from '../conversations';
import type { InboundActivity } from './activity.schema';
import { BoundedMemory } from './bounded-memory';
import { baseConversationId } from './teams-context';

const KINDS: Readonly<Record<string, TeamsConversationKind>> = { personal: 'personal', groupChat: 'groupChat', channel: 'channel' };

/**
 * The reference an activity gives for its conversation. A message in a channel thread refreshes the
 * channel's own reference (`19:…@thread.tacv2`): every top-level post is a thread of its own, and the
 * channel is what the bot posts to later. Threads the bot opens are stored by the gateway that opens them.
 */
export function referenceOf(a: InboundActivity, tenantId: string, seenAt: Date): TeamsConversationReference {
  const kind = KINDS[a.conversation.conversationType ?? ''] ?? (a.channelData?.channel?.id ? 'channel' : a.conversation.isGroup ? 'groupChat' : 'personal');
  const name = a.conversation.name ?? a.channelData?.channel?.name ?? undefined;
  return {
    platform: 'teams', workspaceId: tenantId, conversationId: baseConversationId(a.conversation.id), serviceUrl: a.serviceUrl, kind,
    ...(a.channelData?.team?.id ? { teamId: a.channelData.team.id } : {}),
    ...(a.channelData?.channel?.id ? { channelId: a.channelData.channel.id } : {}),
    ...(name ? { name } : {}),
    lastSeenAt: seenAt,
  };
}

/**
 * Keeps the stored reference of every conversation the bot hears from current: Teams may move a
 * conversation to another serviceUrl, and proactive posts (reminders, the outbox) use the stored one.
 * Written only when what it says changed since this process last wrote it.
 */
export class ConversationReferences {
  private readonly written = new BoundedMemory<string>(10_000);

  constructor(private readonly store: TeamsConversationStore) {}

  async refresh(a: InboundActivity, tenantId: string, seenAt: Date): Promise<void> {
    const reference = referenceOf(a, tenantId, seenAt);
    const key = `${tenantId}:${reference.conversationId}`;
    const { lastSeenAt: _at, ...said } = reference;
    const fingerprint = JSON.stringify(said);
    if (this.written.get(key) === fingerprint) return;
    await this.store.save(reference);
    this.written.set(key, fingerprint);
  }
}
