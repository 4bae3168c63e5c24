/**
 * Where the Teams adapter keeps the conversations it has seen or created, so it can post proactively
 * after a restart (reminders, approved updates, room set-up from the outbox): a Bot Framework post
 * needs the conversation's service URL, which only arrives on an inbound activity.
 *
 * The server hands in the store's repository (`store.conversations`), which has this shape; adapters
 * never import the store.
 */
export type TeamsConversationKind = 'channel' | 'thread' | 'groupChat' | 'personal';

export interface TeamsConversationReference {
  readonly platform: 'teams';
  /** The tenant id. */
  readonly workspaceId: string;
  /** The Bot Framework conversation id (`19:…@thread.tacv2`, `19:…@thread.tacv2;messageid=…`, `a:…`). */
  readonly conversationId: string;
  /** Where replies to this conversation go (`https://smba.trafficmanager.net/emea/`). */
  readonly serviceUrl: string;
  readonly kind: TeamsConversationKind;
  /** For channels and threads: the team's id and the channel's, when the activity said. */
  readonly teamId?: string;
  readonly channelId?: string;
  readonly name?: string;
  /** When an activity last came from it (or the bot created it). */
  readonly lastSeenAt: Date;
}

export interface TeamsConversationStore {
  /**
   * Remembers a conversation. The most recently seen wins: a save older than what is stored changes
   * nothing (a redelivered activity cannot bring back an old service URL); fields left undefined keep
   * what is stored (a later activity without the team id does not forget it).
   */
  save(reference: TeamsConversationReference): Promise<void>;
  find(platform: 'teams', workspaceId: string, conversationId: string): Promise<TeamsConversationReference | undefined>;
  /** The most recently seen conversation in a channel (the channel itself or a thread in it). */
  findByTeamChannel(platform: 'teams', workspaceId: string, teamId: string, channelId: string): Promise<TeamsConversationReference | undefined>;
  /**
   * The tenant's most recently seen conversation: a service URL is regional per tenant, so it is where
   * a conversation no activity has named yet (a configured stakeholder channel) is reached.
   */
  findLatestInWorkspace(platform: 'teams', workspaceId: string): Promise<TeamsConversationReference | undefined>;
}
