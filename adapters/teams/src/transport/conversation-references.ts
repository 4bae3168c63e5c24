import type { TeamsConversationReference, TeamsConversationStore } from '../conversations';
import type { InboundActivity } from './activity.schema';
import { BoundedMemory } from './bounded-memory';
import { baseConversationId } from './teams-context';

const TYPES = new Set(['personal', 'groupChat', 'channel']);

/** The reference an activity gives for its conversation (a channel's, for a message in one of its threads). */
export function referenceOf(a: InboundActivity, tenantId: string): TeamsConversationReference {
  const type = a.conversation.conversationType ?? undefined;
  const name = a.conversation.name ?? a.channelData?.channel?.name ?? undefined;
  return {
    tenantId, conversationId: baseConversationId(a.conversation.id), serviceUrl: a.serviceUrl,
    ...(type && TYPES.has(type) ? { conversationType: type as TeamsConversationReference['conversationType'] } : {}),
    ...(a.channelData?.team?.id ? { teamId: a.channelData.team.id } : {}),
    botId: a.recipient.id,
    ...(name ? { name } : {}),
  };
}

/**
 * Keeps the stored reference of every conversation the bot hears from current: Teams may move a
 * conversation to another serviceUrl, and proactive posts (reminders, the outbox) use the stored one.
 * Written only when it changed since this process last wrote it.
 */
export class ConversationReferences {
  private readonly written = new BoundedMemory<string>(10_000);

  constructor(private readonly store: TeamsConversationStore) {}

  async refresh(a: InboundActivity, tenantId: string): Promise<void> {
    const reference = referenceOf(a, tenantId);
    const key = `${tenantId}:${reference.conversationId}`;
    const fingerprint = JSON.stringify(reference);
    if (this.written.get(key) === fingerprint) return;
    await this.store.save(reference);
    this.written.set(key, fingerprint);
  }
}
