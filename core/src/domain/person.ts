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
  /**
   * The conversation this one is a thread of, where a platform gives each thread an id of its own (a
   * Teams channel reply arrives as `19:…@thread.tacv2;messageid=<root>`, in channel `19:…@thread.tacv2`).
   * Someone typing in the thread is also in that conversation. Unset when the thread's conversation is
   * the conversation itself (a Slack thread stays in its channel's id).
   */
  readonly parentConversationId?: string;
}

/** Which conversation, without what it is called: enough to compare and to look up rooms. */
export type ConversationAddress = Pick<ConversationRef, 'platform' | 'workspaceId' | 'conversationId' | 'parentConversationId'>;

export const conversationKey = (c: Pick<ConversationRef, 'platform' | 'workspaceId' | 'conversationId'>): string =>
  `${c.platform}:${c.workspaceId}:${c.conversationId}`;

/**
 * The conversations a message or request made in `c` is inside, most specific first: `c` itself, then
 * the conversation its thread belongs to. A room matches when it is one of these, so a reply thread of
 * an incident channel is in the room, while a room that is itself a thread matches only its own id and
 * never makes the rest of its channel part of the room.
 */
export function enclosingConversations(c: ConversationAddress): ConversationAddress[] {
  const own: ConversationAddress = { platform: c.platform, workspaceId: c.workspaceId, conversationId: c.conversationId };
  const parent = c.parentConversationId;
  return parent && parent !== c.conversationId ? [own, { ...own, conversationId: parent }] : [own];
}

/** A message we or someone posted, so it can be updated, pinned or linked back to. */
export interface MessageRef {
  readonly conversation: ConversationRef;
  readonly messageId: string;
}

export interface Link {
  readonly title: string;
  readonly url: string;
}
