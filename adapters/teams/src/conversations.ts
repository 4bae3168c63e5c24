/**
 * What the bot must remember about a Teams conversation to post in it later (after a restart, from
 * the outbox): the Bot Connector serviceUrl it was heard from, and where the conversation lives.
 */
export interface TeamsConversationReference {
  readonly tenantId: string;
  /** The Bot Framework conversation id; for a channel, the channel's own id (without `;messageid=`). */
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly conversationType?: 'personal' | 'groupChat' | 'channel';
  /** The team's id, for channels. */
  readonly teamId?: string;
  /** The bot's id in this conversation (`28:<app id>`). */
  readonly botId?: string;
  readonly name?: string;
}

/** Stored conversation references, one per conversation. */
export interface TeamsConversationStore {
  /** Inserts or replaces the reference for its conversation. */
  save(reference: TeamsConversationReference): Promise<void>;
  find(tenantId: string, conversationId: string): Promise<TeamsConversationReference | undefined>;
}
