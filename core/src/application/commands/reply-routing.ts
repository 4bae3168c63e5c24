import type { Incident } from '../../domain/incident';
import type { RequestContext } from '../incidents/request-context';
import type { ChangeOutcome } from '../incidents/incident-changes';
import type { View } from '../views/view';
import { askedInRoom } from '../services/answer-place';
import type { MusterSettings } from '../container/settings';
import { noticeView } from '../views/notice.view';
import { ephemeral, inChannel, type CommandReply } from './command-reply';

/**
 * A reply about an incident is for the whole channel only inside one of the incident's rooms; typed
 * anywhere else, only the requester sees it (the room hears of the change through its card).
 */
export function about(incident: Incident, ctx: RequestContext, reply: CommandReply): CommandReply {
  if (reply.visibility === 'ephemeral' || askedInRoom(incident, ctx)) return reply;
  return { ...reply, visibility: 'ephemeral' };
}

/**
 * The answer to a declaration, typed or from the form: a redelivered request (same idempotency key:
 * a retried slash command, a re-sent form) declared nothing new, so it says so to the requester
 * alone instead of announcing the incident a second time.
 */
export function declarationReply(outcome: { readonly incident: Incident; readonly replayed: boolean }, ctx: RequestContext, settings: MusterSettings): CommandReply {
  if (outcome.replayed) return ephemeral(noticeView([`${outcome.incident.reference} was already declared from this request.`], 'muted'));
  return declaredReply(outcome.incident, ctx, settings);
}

/** A private incident's declaration is told to the declarer alone: its title must not reach the channel. */
function declaredReply(incident: Incident, ctx: RequestContext, settings: MusterSettings): CommandReply {
  const room = settings.severities.find(incident.severity)?.createsRoom ? ' Opening its room now…' : '';
  if (incident.isPrivate) {
    return ephemeral(noticeView(['🔒 ', { bold: `${incident.reference} declared` }, ` as a private incident: ${incident.title} (${incident.severity}).${room} Only its participants can see it.`]));
  }
  return inChannel(noticeView(['🚨 ', { bold: `${incident.reference} declared` }, `: ${incident.title} (${incident.severity}) by `, { mention: ctx.actor }, `.${room}`]));
}

/** Says where a later answer (catch-up, draft) will appear, matching services/answer-place.ts. */
export function whereAnswered(incident: Incident, ctx: RequestContext): string {
  if (askedInRoom(incident, ctx)) return 'it will be posted here';
  const platform = ctx.conversation?.platform;
  const room = platform && incident.roomOn(platform, ctx.workspaceId);
  return room ? `it will be posted in its room ${room.name ?? ''}`.trimEnd() : 'only you will see it, here';
}

/** Said to whoever asked for a status update draft (`update`, or a reminder's Draft button). */
export function draftingReply(incident: Incident, ctx: RequestContext, audience: 'internal' | 'external'): CommandReply {
  return ephemeral(noticeView([`⏳ Drafting an ${audience} update for ${incident.reference}; ${whereAnswered(incident, ctx)} for the Communications Lead or Incident Commander to approve; nothing is sent before that.`], 'muted'));
}

/** The same words for any request that had been handled before (a redelivery): nothing was done again. */
export const alreadyDone = (incident: Incident): CommandReply => ephemeral(noticeView([`That was already done for ${incident.reference}.`], 'muted'));

/** The answer to a change: the notice for everyone in the room, or "already done" for a redelivery. */
export function changed(ctx: RequestContext, outcome: ChangeOutcome<unknown>, notice: () => View): CommandReply {
  return outcome.replayed ? alreadyDone(outcome.incident) : about(outcome.incident, ctx, inChannel(notice()));
}
