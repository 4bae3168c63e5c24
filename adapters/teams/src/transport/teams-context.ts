import { TEAMS_PREFIX } from '../teams-prefix';
import type { ConversationRef, PersonRef, RequestContext } from '@muster/core';
import type { InboundActivity } from './activity.schema';

/** How Teams users invoke Muster: by @mentioning the bot. */

/** The prefix with the bot's name as Teams shows it in this conversation (the app's name). */
export const prefixOf = (a: InboundActivity): string => (a.recipient.name?.trim() ? `@${a.recipient.name.trim()}` : TEAMS_PREFIX);

/** The tenant an activity came from: the conversation names it; channel data carries it too. */
export const tenantOf = (a: InboundActivity): string | undefined => a.conversation.tenantId ?? a.channelData?.tenant?.id ?? undefined;

/**
 * A channel's conversation id without the thread part: replies arrive as
 * `19:…@thread.tacv2;messageid=<root>`, the channel itself is `19:…@thread.tacv2`.
 */
export const baseConversationId = (id: string): string => id.split(';messageid=')[0] as string;

/**
 * A Teams conversation as core knows it. A channel reply's conversation is its thread; core is told the
 * channel it belongs to, so a reply thread of an incident channel is in that incident's room, while a
 * room that is itself a thread still matches only its own id.
 */
function teamsConversation(tenantId: string, conversationId: string, name?: string | null): ConversationRef {
  const channel = baseConversationId(conversationId);
  return {
    platform: 'teams', workspaceId: tenantId, conversationId,
    ...(channel !== conversationId ? { parentConversationId: channel } : {}), ...(name ? { name } : {}),
  };
}

/** The conversation a message, edit, deletion or reaction happened in: its thread, inside its channel. */
export const postedIn = (a: InboundActivity, tenantId: string): ConversationRef => teamsConversation(tenantId, a.conversation.id);

/**
 * The conversation a command was typed in. A top-level channel post arrives as its own thread
 * (`;messageid=` its own id): the person is in the channel, so the channel is the conversation. A
 * reply in a thread stays in that thread (an incident room opened as a thread), inside its channel.
 */
export function commandConversation(a: InboundActivity, tenantId: string): ConversationRef {
  const exact = a.conversation.id;
  const root = exact.split(';messageid=')[1];
  const id = root !== undefined && root === a.id ? baseConversationId(exact) : exact;
  return teamsConversation(tenantId, id, a.conversation.name);
}

/** `teams:<conversation id>:<activity id>`: a redelivered activity carries the same key. */
export const idempotencyKeyOf = (a: InboundActivity): string => `teams:${a.conversation.id}:${a.id ?? ''}`;

export function requestContextOf(a: InboundActivity, tenantId: string, actor: PersonRef): RequestContext {
  return {
    actor, platform: 'teams', workspaceId: tenantId, conversation: commandConversation(a, tenantId),
    idempotencyKey: idempotencyKeyOf(a), prefix: prefixOf(a),
  };
}

export const isPersonalChat = (a: InboundActivity): boolean => a.conversation.conversationType === 'personal';

/** When Teams says the message was sent; the arrival time when it does not say, or says nonsense. */
export function sentAtOf(a: InboundActivity, fallback: Date): Date {
  const at = a.timestamp ? new Date(a.timestamp) : undefined;
  return at && Number.isFinite(at.getTime()) ? at : fallback;
}
