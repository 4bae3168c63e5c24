import type { ActionItem } from '../../domain/action-item';
import { formatDuration } from '../../domain/durations';
import type { Incident } from '../../domain/incident';
import type { ConversationRef, PersonRef } from '../../domain/person';
import { ACTIONS } from './action-ids';
import { dueText } from './follow-ups.view';
import { textFor, type Inline, type RichText, type View } from './view';

/**
 * The reminders Muster posts in an incident's room when something is overdue (outbox/reminders).
 * Each says what is overdue, by how long, and what to type or press; the person it is for is
 * mentioned when they are on the room's platform (a mention of a Teams user means nothing in Slack).
 */

/** Who a reminder is for, as the room can address them; `undefined` speaks to the whole room. */
export function addressee(person: PersonRef | undefined, room: ConversationRef): Inline[] {
  if (!person) return [];
  return person.platform === room.platform ? [{ mention: person }, ', '] : [{ bold: person.name ?? person.id }, ', '];
}

const view = (text: RichText, buttons: View['blocks'][number][], prefix?: string): View =>
  ({ fallback: textFor(text, prefix), blocks: [{ type: 'text', text, tone: 'warning' }, ...buttons] });

export interface UpdateDue {
  /** Since the last published update (or the declaration, severity change or reopen that started the clock). */
  readonly sinceMs: number;
  readonly cadenceMinutes: number;
  readonly severity: string;
  /** The Communications Lead, else the Incident Commander; undefined when both are vacant. */
  readonly to?: PersonRef;
  /** What started the clock: the last published update, the declaration, or a severity change or reopen. */
  readonly since: 'update' | 'declared' | 'change';
}

export function updateDueView(incident: Incident, room: ConversationRef, due: UpdateDue, prefix?: string): View {
  const ago = formatDuration(due.sinceMs);
  const since = due.since === 'update' ? `The last one went out ${ago} ago`
    : `None has gone out in the ${ago} since ${due.since === 'declared' ? 'it was declared' : 'its severity changed or it was reopened'}`;
  const text: RichText = [
    '⏰ ', ...addressee(due.to, room), { bold: `${incident.reference}: a status update is overdue.` },
    ` ${since}; ${due.severity} calls for one every ${due.cadenceMinutes} min.`,
    ' Draft one with ', { command: 'update' }, ' or the button; it is posted for approval, nothing is sent before that.',
    ...(due.to ? [] : [' Nobody is Communications Lead or Incident Commander: take it with ', { command: 'assign comms @you' } as Inline, '.']),
  ];
  return view(text, [{ type: 'actions', buttons: [{ actionId: ACTIONS.draftUpdate, label: 'Draft an update', value: incident.id, style: 'primary' }] }], prefix);
}

export function commanderVacantView(incident: Incident, room: ConversationRef, vacantMs: number, declarer: PersonRef | undefined, prefix?: string): View {
  const text: RichText = [
    '⏰ ', ...addressee(declarer, room), { bold: `${incident.reference} has had no Incident Commander for ${formatDuration(vacantMs)}.` },
    ' Someone must own the response and its decisions: take it with ', { command: 'assign ic @you' }, ' or the button.',
  ];
  return view(text, [{ type: 'actions', buttons: [{ actionId: ACTIONS.assignRole, label: 'Assign a role', value: incident.id }] }], prefix);
}

export function actionItemOverdueView(incident: Incident, room: ConversationRef, item: ActionItem, number: number, overdueMs: number, prefix?: string): View {
  const text: RichText = [
    '⏰ ', ...addressee(item.owner, room), { bold: `follow-up ${number} of ${incident.reference} is overdue` }, ` by ${formatDuration(overdueMs)}`,
    ` (due ${dueText(item.dueAt ?? new Date(0))}): ${item.text}.`,
    ...(item.owner ? [] : [' It has no owner: give it one with ', { command: `actions assign ${number} @person` } as Inline, '.']),
    ' Mark it done with the button or ', { command: `actions done ${number}` }, '.',
  ];
  return view(text, [{ type: 'actions', buttons: [{ actionId: ACTIONS.completeActionItem, label: `Done ${number}`, value: item.id }] }], prefix);
}

export function postmortemNudgeView(incident: Incident, room: ConversationRef, resolvedMs: number, commander: PersonRef | undefined, started: boolean, prefix?: string): View {
  const text: RichText = [
    '📝 ', ...addressee(commander, room), { bold: `${incident.reference} was resolved ${formatDuration(resolvedMs)} ago and its postmortem is not reviewed yet.` },
    started ? ' Read it with ' : ' Open it with ', { command: 'postmortem' }, ', fill in what is missing, then mark it reviewed with ', { command: 'postmortem done' }, '.',
  ];
  return view(text, [], prefix);
}
