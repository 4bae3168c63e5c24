import type { ExternalMessageRef, IncidentRoom } from '@muster/core';

/**
 * Where a captured message can be opened on its platform, in the forms the platforms document:
 * - Slack: a message permalink is the channel's archive URL plus `/p<ts without the dot>`
 *   (`https://acme.slack.com/archives/C123/p1700000000123456`, with `?thread_ts=<parent>&cid=<channel>`
 *   for a reply). Without the workspace's URL, `https://slack.com/app_redirect?channel=<id>&team=<id>`
 *   opens the channel (documented for deep links into Slack), the nearest thing to the message.
 * - Teams: the message deep link `https://teams.microsoft.com/l/message/<channel or chat id>/<message id>`
 *   with `tenantId` and, for a channel reply, `parentMessageId`.
 * The console has no addressable messages: undefined.
 */
export function messageLink(ref: ExternalMessageRef, rooms: readonly IncidentRoom[]): string | undefined {
  const room = rooms.find((r) => r.platform === ref.platform && (r.conversationId === ref.conversationId || ref.conversationId.startsWith(`${r.conversationId};`)));
  if (ref.platform === 'slack') return slackLink(ref, room);
  if (ref.platform === 'teams') return teamsLink(ref, room);
  return undefined;
}

const SLACK_TS = /^\d{1,12}\.\d{1,9}$/;

function slackLink(ref: ExternalMessageRef, room: IncidentRoom | undefined): string {
  const archive = room?.url && /^https:\/\/[a-z0-9-]+\.(enterprise\.)?slack\.com\/archives\/[A-Z0-9]+\/?$/i.test(room.url) ? room.url.replace(/\/$/, '') : undefined;
  if (archive && SLACK_TS.test(ref.messageId)) {
    const url = new URL(`${archive}/p${ref.messageId.replace('.', '')}`);
    if (ref.threadId && ref.threadId !== ref.messageId) {
      url.searchParams.set('thread_ts', ref.threadId);
      url.searchParams.set('cid', ref.conversationId);
    }
    return url.href;
  }
  const url = new URL('https://slack.com/app_redirect');
  url.searchParams.set('channel', ref.conversationId);
  if (room?.workspaceId) url.searchParams.set('team', room.workspaceId);
  return url.href;
}

function teamsLink(ref: ExternalMessageRef, room: IncidentRoom | undefined): string {
  // A channel reply's conversation is `19:…@thread.tacv2;messageid=<root>`: the channel, then the thread's root.
  const [channel, thread] = ref.conversationId.split(';messageid=');
  const url = new URL(`https://teams.microsoft.com/l/message/${encodeURIComponent(channel!)}/${encodeURIComponent(ref.messageId)}`);
  if (room?.workspaceId) url.searchParams.set('tenantId', room.workspaceId);
  const parent = thread ?? ref.threadId;
  if (parent && parent !== ref.messageId) url.searchParams.set('parentMessageId', parent);
  return url.href;
}
