import { MusterError } from '../errors';

export const INCIDENT_STATUSES = ['triage', 'investigating', 'mitigated', 'resolved', 'postmortem', 'closed', 'declined'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const MILESTONES = ['detected', 'declared', 'acknowledged', 'mitigated', 'resolved', 'closed'] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * The lifecycle is data, not branches: every allowed move is a row here. A move not in the table is
 * refused with the list of moves that are allowed from where the incident stands.
 */
const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  triage: ['investigating', 'mitigated', 'resolved', 'declined'],
  investigating: ['mitigated', 'resolved'],
  mitigated: ['investigating', 'resolved'],
  resolved: ['investigating', 'postmortem', 'closed'],
  postmortem: ['closed'],
  closed: [],
  declined: [],
};

/**
 * The milestone stamped when an incident enters a status; one already set is kept. A skipped step
 * stays unset on purpose: resolving straight from triage was neither acknowledged nor separately
 * mitigated, and copying the resolution time into those would report a response that never happened.
 */
const MILESTONES_ON_ENTER: Readonly<Record<IncidentStatus, readonly Milestone[]>> = {
  triage: [],
  investigating: ['acknowledged'],
  mitigated: ['mitigated'],
  resolved: ['resolved'],
  postmortem: [],
  closed: ['closed'],
  declined: ['closed'],
};

/**
 * The word people type for each allowed move. A move reached by two words is named by where it starts:
 * back to investigating is `ack` from triage and `reopen` afterwards. A move with no command (into
 * postmortem, which the postmortem flow owns) is left out, so no message suggests something untypeable.
 */
export function commandFor(from: IncidentStatus, to: IncidentStatus): string | undefined {
  if (!canTransition(from, to)) return undefined;
  if (to === 'investigating') return from === 'triage' ? 'ack' : 'reopen';
  return { mitigated: 'mitigate', resolved: 'resolve', closed: 'close', declined: 'decline' }[to as string];
}

/** The commands that move an incident on from `from`, in the table's order. */
export function movesFrom(from: IncidentStatus): string[] {
  return allowedTransitions(from).map((to) => commandFor(from, to)).filter((c): c is string => c !== undefined);
}

const PAST_TENSE: Readonly<Record<IncidentStatus, string>> = {
  triage: 'put back into triage', investigating: 'acknowledged', mitigated: 'marked mitigated', resolved: 'resolved',
  postmortem: 'moved to postmortem', closed: 'closed', declined: 'declined',
};

export const isOpen = (status: IncidentStatus): boolean => ['triage', 'investigating', 'mitigated'].includes(status);

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/**
 * Milestones stamped when an incident moves `from` → `to`. Acknowledgement is the first response to a
 * new incident: a reopen goes back to investigating without acknowledging anything again.
 */
export function milestonesOnEnter(to: IncidentStatus, from?: IncidentStatus): readonly Milestone[] {
  if (to === 'investigating' && from !== undefined && from !== 'triage') return [];
  return MILESTONES_ON_ENTER[to];
}

/** "You can `mitigate` or `resolve` it.": what may be typed next, or that nothing can change any more. */
export function nextMovesSentence(from: IncidentStatus): string {
  const moves = movesFrom(from).map((c) => `\`${c}\``);
  if (moves.length === 0) return 'It is finished; nothing more can change its status.';
  const list = moves.length === 1 ? moves[0] : `${moves.slice(0, -1).join(', ')} or ${moves[moves.length - 1]}`;
  return `From here you can ${list} it.`;
}

/** How a status reads in a sentence: "INC-4 is under investigation". */
export const STATUS_PHRASE: Readonly<Record<IncidentStatus, string>> = {
  triage: 'in triage', investigating: 'under investigation', mitigated: 'mitigated', resolved: 'resolved',
  postmortem: 'in postmortem', closed: 'closed', declined: 'declined as a false alarm',
};

/** The `invalid_transition` error for a move that is not allowed, naming the moves that are. */
export function invalidTransition(reference: string, from: IncidentStatus, to: IncidentStatus, attempted?: string): MusterError {
  const now = STATUS_PHRASE[from];
  const what = from === to ? `${reference} is already ${now}.`
    : attempted === 'ack' ? `${reference} is ${now}; only an incident in triage can be acknowledged.`
      : `${reference} is ${now}, so it cannot be ${attempted === 'reopen' ? 'reopened' : PAST_TENSE[to]}.`;
  return new MusterError('invalid_transition', `${what} ${nextMovesSentence(from)}`, { from, to, allowed: allowedTransitions(from), moves: movesFrom(from) });
}

/** Throws `invalid_transition` naming what can be done instead. */
export function assertTransition(reference: string, from: IncidentStatus, to: IncidentStatus): void {
  if (!canTransition(from, to)) throw invalidTransition(reference, from, to);
}
