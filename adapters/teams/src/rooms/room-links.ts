/**
 * Deep links into Teams (Microsoft's "deep link to a chat, channel or message" formats), for the
 * incident card and the room announcement.
 */
const TEAMS_WEB = 'https://teams.microsoft.com';

export function channelLink(channelId: string, name: string, teamId: string, tenantId: string): string {
  const query = new URLSearchParams({ groupId: teamId, tenantId });
  return `${TEAMS_WEB}/l/channel/${encodeURIComponent(channelId)}/${encodeURIComponent(name)}?${query}`;
}

export function threadLink(channelId: string, messageId: string, tenantId: string, teamId?: string): string {
  const query = new URLSearchParams({ tenantId, ...(teamId ? { groupId: teamId } : {}), parentMessageId: messageId });
  return `${TEAMS_WEB}/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(messageId)}?${query}`;
}

export function chatLink(chatId: string, tenantId: string): string {
  return `${TEAMS_WEB}/l/chat/${encodeURIComponent(chatId)}/conversations?${new URLSearchParams({ tenantId })}`;
}

/** A thread's conversation id is its channel's id with the root message: `19:…@thread.tacv2;messageid=…`. */
export const THREAD_SEPARATOR = ';messageid=';

export function splitThreadId(conversationId: string): { channelId: string; messageId?: string } {
  const at = conversationId.indexOf(THREAD_SEPARATOR);
  return at < 0 ? { channelId: conversationId } : { channelId: conversationId.slice(0, at), messageId: conversationId.slice(at + THREAD_SEPARATOR.length) };
}
