import { MusterError } from '../errors';
import type { Link, PersonRef } from './person';

export type ActionItemState = 'open' | 'done' | 'cancelled';

export interface ActionItem {
  readonly id: string;
  readonly incidentId: string;
  readonly text: string;
  readonly owner?: PersonRef;
  readonly state: ActionItemState;
  readonly createdBy: PersonRef;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The ticket it was synced to, when a ticketing plugin took it. */
  readonly ticket?: Link;
  /** When it should be done by; its owner is reminded once it is past (outbox/reminders). */
  readonly dueAt?: Date;
}

export const MAX_ACTION_TEXT = 500;

export function newActionItem(input: { id: string; incidentId: string; text: string; owner?: PersonRef; createdBy: PersonRef; at: Date; dueAt?: Date }): ActionItem {
  const text = input.text.trim();
  if (!text) throw new MusterError('missing_argument', 'Say what needs doing: `action <text> [@owner]`.', { usage: 'action <text> [@owner]' });
  if (text.length > MAX_ACTION_TEXT) throw new MusterError('invalid_argument', `Keep an action item under ${MAX_ACTION_TEXT} characters; put the detail in a note.`);
  if (input.dueAt && input.dueAt.getTime() <= input.at.getTime()) {
    throw new MusterError('invalid_argument', 'A due date must be in the future; give a later one.');
  }
  return {
    id: input.id, incidentId: input.incidentId, text, owner: input.owner, state: 'open', createdBy: input.createdBy, createdAt: input.at, updatedAt: input.at,
    ...(input.dueAt && { dueAt: input.dueAt }),
  };
}

/** How a due date is typed: in some days/weeks/hours (`3d`, `2w`, `12h`) or on a day (`2026-12-24`). */
export type DueSpec = { readonly in: { readonly amount: number; readonly unit: 'h' | 'd' | 'w' } } | { readonly on: string };

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;
const MAX_DUE_DAYS = 366 * 5;

/**
 * When a due spec falls, from `now`. A day means the end of that day in UTC (the next midnight), so
 * `--due 2026-12-24` is not overdue during the 24th itself.
 */
export function dueDateOf(spec: DueSpec, now: Date): Date {
  const at = 'in' in spec
    ? new Date(now.getTime() + spec.in.amount * UNIT_MS[spec.in.unit])
    : new Date(Date.parse(`${spec.on}T00:00:00.000Z`) + UNIT_MS.d);
  if (Number.isNaN(at.getTime())) throw new MusterError('invalid_argument', `${'on' in spec ? spec.on : 'That'} is not a date; write it as YYYY-MM-DD, e.g. \`--due 2026-12-24\`, or as \`--due 3d\`.`);
  if (at.getTime() <= now.getTime()) throw new MusterError('invalid_argument', `${'on' in spec ? spec.on : 'That'} is already past; give a due date in the future, e.g. \`--due 3d\`.`);
  if (at.getTime() - now.getTime() > MAX_DUE_DAYS * UNIT_MS.d) throw new MusterError('invalid_argument', 'A due date more than five years away is not a follow-up; pick a nearer one.');
  return at;
}

export function completeActionItem(item: ActionItem, at: Date): ActionItem {
  if (item.state !== 'open') throw new MusterError('invalid_state', `This action item is already ${item.state}.`);
  return { ...item, state: 'done', updatedAt: at };
}

export function reopenActionItem(item: ActionItem, at: Date): ActionItem {
  if (item.state === 'open') throw new MusterError('invalid_state', 'This action item is already open.');
  return { ...item, state: 'open', updatedAt: at };
}

/** `dueAt` undefined clears it. Only open items are rescheduled: a finished one is not due any more. */
export function rescheduleActionItem(item: ActionItem, dueAt: Date | undefined, at: Date): ActionItem {
  if (item.state !== 'open') throw new MusterError('invalid_state', `This action item is already ${item.state}; only open items get a due date.`);
  if (dueAt && dueAt.getTime() <= at.getTime()) throw new MusterError('invalid_argument', 'A due date must be in the future.');
  const { dueAt: _old, ...rest } = item;
  return { ...rest, ...(dueAt && { dueAt }), updatedAt: at };
}

/** `owner` undefined clears it. Only open items change hands: a finished one keeps who did it. */
export function reassignActionItem(item: ActionItem, owner: PersonRef | undefined, at: Date): ActionItem {
  if (item.state !== 'open') throw new MusterError('invalid_state', `This action item is already ${item.state}; only open items can be reassigned.`);
  return { ...item, owner, updatedAt: at };
}
