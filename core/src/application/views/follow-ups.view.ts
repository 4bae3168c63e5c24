import type { ActionItem } from '../../domain/action-item';
import type { Incident } from '../../domain/incident';
import { ACTIONS } from './action-ids';
import type { Block, Button, Inline, RichText, View } from './view';

/** More buttons than this make a message people scroll past; the rest are done by number. */
const MAX_DONE_BUTTONS = 20;

/** A due date as every reader sees it, in UTC (readers sit in many zones; a local time would mislead some). */
export const dueText = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** One follow-up as a list line: its text, owner, due date, state and ticket. */
export function actionItemLine(item: ActionItem): RichText {
  const owner: Inline[] = item.owner ? [' — owner ', { mention: item.owner }] : [' — no owner'];
  const due: Inline[] = item.dueAt && item.state === 'open' ? [` · due ${dueText(item.dueAt)}`] : [];
  const state: Inline[] = item.state === 'open' ? [] : [' · ', { italic: item.state }];
  const ticket: Inline[] = item.ticket ? [' · ', { link: { url: item.ticket.url, text: item.ticket.title } }] : [];
  return [item.state === 'done' ? '✅ ' : item.state === 'cancelled' ? '✖️ ' : '⬜ ', item.text, ...owner, ...due, ...state, ...ticket];
}

/** `actions`: every follow-up with the number people type, and a Done button per open one. */
export function actionItemsView(incident: Incident, items: readonly ActionItem[]): View {
  const open = items.filter((i) => i.state === 'open');
  const buttons: Button[] = items
    .map((item, index) => ({ item, number: index + 1 }))
    .filter(({ item }) => item.state === 'open')
    .slice(0, MAX_DONE_BUTTONS)
    .map(({ item, number }) => ({ actionId: ACTIONS.completeActionItem, label: `Done ${number}`, value: item.id }));
  const blocks: Block[] = [{ type: 'header', text: `Follow-ups · ${incident.reference}` }];
  if (items.length === 0) {
    blocks.push({ type: 'text', text: ['No follow-ups yet. Add one with ', { command: 'action <text> [@owner] [--due 3d]' }, '.'], tone: 'muted' });
  } else {
    blocks.push({ type: 'list', ordered: true, items: items.map(actionItemLine) });
    if (buttons.length) blocks.push({ type: 'actions', buttons });
    blocks.push({ type: 'context', text: [
      `${open.length} of ${items.length} open. `, { command: 'actions done <n>' }, ', ', { code: 'reopen <n>' }, ' or ', { code: 'assign <n> @person' }, ' change one.',
    ] });
  }
  return { fallback: `Follow-ups of ${incident.reference}: ${open.length} of ${items.length} open`, blocks };
}

/** Said after one follow-up changed. */
export function actionItemChangedView(incident: Incident, item: ActionItem, number: number, what: 'done' | 'reopened' | 'assigned'): View {
  const said: RichText = what === 'assigned'
    ? [item.owner ? { mention: item.owner } : 'Nobody', ` now owns follow-up ${number} on `, { bold: incident.reference }, `: ${item.text}`]
    : [what === 'done' ? '✅ ' : '↩️ ', `Follow-up ${number} on `, { bold: incident.reference }, ` ${what === 'done' ? 'is done' : 'is open again'}: ${item.text}`];
  return { fallback: `Follow-up ${number} on ${incident.reference}: ${what}`, blocks: [{ type: 'text', text: said, tone: what === 'done' ? 'success' : 'normal' }] };
}

/** Added to the close notice: follow-ups outlive the incident, so say which are still open. */
export function openFollowUpsBlocks(items: readonly ActionItem[]): Block[] {
  if (items.length === 0) return [];
  return [
    { type: 'text', text: [`${items.length} follow-up${items.length === 1 ? ' is' : 's are'} still open; they stay on the list after the incident closes:`], tone: 'warning' },
    { type: 'list', items: items.slice(0, MAX_DONE_BUTTONS).map(actionItemLine) },
    ...(items.length > MAX_DONE_BUTTONS ? [{ type: 'context' as const, text: [`and ${items.length - MAX_DONE_BUTTONS} more.`] }] : []),
  ];
}
