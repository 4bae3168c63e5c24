import type { IncidentStatus, SeverityCatalog } from '@muster/core';

/** A public component's condition, worst last; the words Statuspage and most public status pages use. */
export const COMPONENT_STATES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export const COMPONENT_STATE_LABELS: Readonly<Record<ComponentState, string>> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

/**
 * What one open incident does to the components it affects, by the rank of its severity in the
 * configured order (names differ between installations): the most severe level is a major outage, the
 * next a partial outage, every other level degraded performance. A mitigated incident counts as
 * degraded whatever its severity: the impact is contained but not yet declared over. A severity no
 * longer configured counts as the least severe (degraded), never as nothing.
 */
export function stateOfIncident(severity: string, status: IncidentStatus, severities: SeverityCatalog): ComponentState {
  if (status === 'mitigated') return 'degraded_performance';
  const level = severities.find(severity);
  const rank = level ? severities.levels.indexOf(level) : severities.levels.length;
  if (rank === 0) return 'major_outage';
  if (rank === 1 && severities.levels.length > 1) return 'partial_outage';
  return 'degraded_performance';
}

export const worstState = (states: readonly ComponentState[]): ComponentState =>
  states.reduce<ComponentState>((worst, s) => (COMPONENT_STATES.indexOf(s) > COMPONENT_STATES.indexOf(worst) ? s : worst), 'operational');

/** The public word for where an incident stands (Statuspage's investigating / monitoring / resolved). */
export type PublicIncidentStatus = 'investigating' | 'monitoring' | 'resolved';

export function publicStatusOf(status: IncidentStatus): PublicIncidentStatus {
  if (status === 'triage' || status === 'investigating') return 'investigating';
  if (status === 'mitigated') return 'monitoring';
  return 'resolved';
}

export const PUBLIC_STATUS_LABELS: Readonly<Record<PublicIncidentStatus, string>> = {
  investigating: 'Investigating',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
