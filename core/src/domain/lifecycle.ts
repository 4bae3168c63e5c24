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

/** Milestones stamped when an incident enters a status, in order; ones already set are kept. */
const MILESTONES_ON_ENTER: Readonly<Record<IncidentStatus, readonly Milestone[]>> = {
  triage: [],
  investigating: ['acknowledged'],
  mitigated: ['acknowledged', 'mitigated'],
  resolved: ['acknowledged', 'mitigated', 'resolved'],
  postmortem: [],
  closed: ['closed'],
  declined: ['closed'],
};

/** The verb people type for each target status, used in messages so they name the command to run. */
export const STATUS_COMMAND: Readonly<Record<IncidentStatus, string>> = {
  triage: 'declare',
  investigating: 'ack',
  mitigated: 'mitigate',
  resolved: 'resolve',
  postmortem: 'postmortem',
  closed: 'close',
  declined: 'decline',
};

export const isOpen = (status: IncidentStatus): boolean => ['triage', 'investigating', 'mitigated'].includes(status);

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function milestonesOnEnter(status: IncidentStatus): readonly Milestone[] {
  return MILESTONES_ON_ENTER[status];
}

/** Throws `invalid_transition` naming what can be done instead. */
export function assertTransition(reference: string, from: IncidentStatus, to: IncidentStatus): void {
  if (canTransition(from, to)) return;
  const allowed = allowedTransitions(from);
  const next = allowed.length
    ? `From here you can: ${allowed.map((s) => `\`${from === 'resolved' && s === 'investigating' ? 'reopen' : STATUS_COMMAND[s]}\``).join(', ')}.`
    : 'It is finished; nothing more can change its status.';
  throw new MusterError('invalid_transition', `${reference} is ${from}, so it cannot move to ${to}. ${next}`, { from, to, allowed });
}
