import type { Incident } from '../../domain/incident';
import { CHAT_PLATFORMS, type ChatPlatform, type ConversationRef, type PersonRef } from '../../domain/person';
import type { RequestContext } from '../incidents/request-context';

/** Where a later answer about an incident is posted: a room for everyone in it, or one person alone. */
export interface AnswerPlace {
  readonly conversation: ConversationRef;
  /** Set when only this person may see the answer (posted ephemerally in `conversation`). */
  readonly privateTo?: PersonRef;
}

/**
 * Answers about an incident go only where it may be seen: the room the request came from when it is one
 * of the incident's rooms, else the incident's room on the requester's platform, else the requester
 * alone. Never into the channel a command happened to be typed in.
 */
export function answerPlace(incident: Incident, ctx: RequestContext & { readonly conversation: ConversationRef }): AnswerPlace {
  if (incident.hasRoom(ctx.conversation)) return { conversation: ctx.conversation };
  const platform = (CHAT_PLATFORMS as readonly string[]).includes(ctx.platform) ? (ctx.platform as ChatPlatform) : undefined;
  const room = platform && incident.roomOn(platform, ctx.workspaceId);
  if (room) return { conversation: room };
  return { conversation: ctx.conversation, privateTo: ctx.actor };
}

/** Whether a request was made inside one of the incident's rooms, where replies may go to everyone. */
export const askedInRoom = (incident: Incident, ctx: RequestContext): boolean => incident.hasRoom(ctx.conversation);
