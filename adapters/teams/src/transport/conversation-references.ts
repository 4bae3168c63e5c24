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
 * How long this process trusts that the store still holds what it last wrote. Several instances write
 * the same conversation (no sticky sessions): after A wrote service URL 1 and B wrote URL 2, A hearing
 * URL 1 again must write it, or the store keeps B's older news. Past this age it writes again.
 */
export const REFERENCE_TRUST_MS = 10 * 60_000;

/**
 * Keeps the stored reference of every conversation the bot hears from current: Teams may move a
 * conversation to another serviceUrl, and proactive posts (reminders, the outbox) use the stored one.
 * Written only when what it says changed since this process last wrote it, or that write is older than
 * REFERENCE_TRUST_MS (another instance may have written since): a cache of writes, never the truth.
 */
export class ConversationReferences {
  private readonly written = new BoundedMemory<{ readonly fingerprint: string; readonly at: number }>(10_000);

  constructor(private readonly store: TeamsConversationStore) {}

  async refresh(a: InboundActivity, tenantId: string, seenAt: Date): Promise<void> {
    const reference = referenceOf(a, tenantId, seenAt);
    const key = `${tenantId}:${reference.conversationId}`;
    const { lastSeenAt: _at, ...said } = reference;
    const fingerprint = JSON.stringify(said);
    const last = this.written.get(key);
    if (last?.fingerprint === fingerprint && Math.abs(seenAt.getTime() - last.at) < REFERENCE_TRUST_MS) return;
    await this.store.save(reference);
    this.written.set(key, { fingerprint, at: seenAt.getTime() });
  }
}
