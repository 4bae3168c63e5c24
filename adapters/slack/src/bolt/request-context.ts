import type { ConversationRef, PersonRef, RequestContext } from '@muster/core';
import { SLACK_COMMAND } from '../manifest';

/** A Slack user as core's person; the name is what Slack sent along, if anything. */
export function slackPerson(userId: string, name?: string): PersonRef {
  const shown = name?.trim();
  return { platform: 'slack', id: userId, ...(shown ? { name: shown } : {}) };
}

export function slackRoom(workspaceId: string, channelId: string, name?: string): ConversationRef {
  return { platform: 'slack', workspaceId, conversationId: channelId, ...(name ? { name } : {}) };
}

export interface ContextParts {
  readonly workspaceId: string;
  readonly userId: string;
  readonly userName?: string;
  readonly channelId?: string;
  readonly channelName?: string;
  /**
   * What makes this request unique, so a repeated delivery is handled once: the `trigger_id` of a
   * command or click (one per user gesture), the view id of a form, the `event_id` of an event.
   */
  readonly requestKey: string;
  /** The slash command the person used (`/incident`); what Muster's messages tell them to type. */
  readonly command?: string;
}

export function requestContext(parts: ContextParts): RequestContext {
  // Slack puts `directmessage`/`privategroup` placeholders in channel_name for DMs; they are not names.
  const name = parts.channelName && !['directmessage', 'privategroup'].includes(parts.channelName) ? parts.channelName : undefined;
  return {
    actor: slackPerson(parts.userId, parts.userName),
    platform: 'slack',
    workspaceId: parts.workspaceId,
    ...(parts.channelId ? { conversation: slackRoom(parts.workspaceId, parts.channelId, name) } : {}),
    idempotencyKey: `slack:${parts.requestKey}`,
    prefix: parts.command?.startsWith('/') ? parts.command : SLACK_COMMAND,
  };
}

/** Slack message timestamps (`1712345678.000200`) are seconds with microseconds: a Date to the millisecond. */
export function dateOfTs(ts: string | undefined, fallback: Date = new Date()): Date {
  const seconds = Number(ts);
  return ts && Number.isFinite(seconds) && seconds > 0 ? new Date(Math.round(seconds * 1000)) : fallback;
}
