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
}

export const MAX_ACTION_TEXT = 500;

export function newActionItem(input: { id: string; incidentId: string; text: string; owner?: PersonRef; createdBy: PersonRef; at: Date }): ActionItem {
  const text = input.text.trim();
  if (!text) throw new MusterError('missing_argument', 'Say what needs doing: `action <text> [@owner]`.', { usage: 'action <text> [@owner]' });
  if (text.length > MAX_ACTION_TEXT) throw new MusterError('invalid_argument', `Keep an action item under ${MAX_ACTION_TEXT} characters; put the detail in a note.`);
  return { id: input.id, incidentId: input.incidentId, text, owner: input.owner, state: 'open', createdBy: input.createdBy, createdAt: input.at, updatedAt: input.at };
}

export function completeActionItem(item: ActionItem, at: Date): ActionItem {
  if (item.state !== 'open') throw new MusterError('invalid_state', `This action item is already ${item.state}.`);
  return { ...item, state: 'done', updatedAt: at };
}

export function reopenActionItem(item: ActionItem, at: Date): ActionItem {
  if (item.state === 'open') throw new MusterError('invalid_state', 'This action item is already open.');
  return { ...item, state: 'open', updatedAt: at };
}

/** `owner` undefined clears it. Only open items change hands: a finished one keeps who did it. */
export function reassignActionItem(item: ActionItem, owner: PersonRef | undefined, at: Date): ActionItem {
  if (item.state !== 'open') throw new MusterError('invalid_state', `This action item is already ${item.state}; only open items can be reassigned.`);
  return { ...item, owner, updatedAt: at };
}
