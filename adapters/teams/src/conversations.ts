/**
 * Conversation references: where Teams conversations live (service URL, kind, team and channel), so
 * the bot can post proactively after a restart.
 *
 * NOTE for the merge: the cards helper owns this file and the store repository behind it. This is
 * the minimal shape the outbound side codes against (save/find, as agreed); when both branches meet,
 * keep the cards helper's version and check it still offers these fields.
 */
export type TeamsConversationKind = 'channel' | 'thread' | 'groupChat' | 'personal';

export interface TeamsConversationReference {
  readonly platform: 'teams';
  /** The tenant id. */
  readonly workspaceId: string;
  /** The Bot Framework conversation id (`19:…@thread.tacv2`, `…;messageid=…`, `a:…`). */
  readonly conversationId: string;
  readonly serviceUrl: string;
  readonly kind: TeamsConversationKind;
  readonly teamId?: string;
  readonly channelId?: string;
  readonly name?: string;
}

export interface TeamsConversationStore {
  /** Upsert: the last save of a conversation wins. */
  save(reference: TeamsConversationReference): Promise<void>;
  find(platform: 'teams', workspaceId: string, conversationId: string): Promise<TeamsConversationReference | undefined>;
}
