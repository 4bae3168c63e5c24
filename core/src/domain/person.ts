/** Where something came from or lives. `api` and `webhook` are callers without a chat identity. */
export type Platform = 'slack' | 'teams' | 'console' | 'api' | 'webhook';
export const CHAT_PLATFORMS = ['slack', 'teams', 'console'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

/** A person as one platform knows them. The same human on Slack and Teams is two refs until the directory links them. */
export interface PersonRef {
  readonly platform: Platform;
  /** The platform's stable user id (Slack `U…`, Teams AAD object id, console handle). */
  readonly id: string;
  readonly name?: string;
}

export const personKey = (p: PersonRef): string => `${p.platform}:${p.id}`;
export const samePerson = (a: PersonRef | undefined, b: PersonRef | undefined): boolean =>
  !!a && !!b && a.platform === b.platform && a.id === b.id;

/** A conversation (channel, chat, room) on one platform, in one workspace or tenant. */
export interface ConversationRef {
  readonly platform: ChatPlatform;
  readonly workspaceId: string;
  readonly conversationId: string;
  readonly name?: string;
  readonly url?: string;
}

export const conversationKey = (c: Pick<ConversationRef, 'platform' | 'workspaceId' | 'conversationId'>): string =>
  `${c.platform}:${c.workspaceId}:${c.conversationId}`;

/** A message we or someone posted, so it can be updated, pinned or linked back to. */
export interface MessageRef {
  readonly conversation: ConversationRef;
  readonly messageId: string;
}

export interface Link {
  readonly title: string;
  readonly url: string;
}
