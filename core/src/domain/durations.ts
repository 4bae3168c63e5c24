import type { IncidentStatus, Milestone } from './lifecycle';

export interface IncidentDurations {
  /** Milliseconds from detection to acknowledgement, mitigation, resolution; undefined until reached. */
  readonly timeToAcknowledge?: number;
  readonly timeToMitigate?: number;
  readonly timeToResolve?: number;
  readonly declarationDelay?: number;
}

type Milestones = Readonly<Partial<Record<Milestone, Date>>>;

export function durationsOf(milestones: Milestones): IncidentDurations {
  const start = milestones.detected ?? milestones.declared;
  const since = (m: Milestone) => (start && milestones[m] ? milestones[m]!.getTime() - start.getTime() : undefined);
  return {
    timeToAcknowledge: since('acknowledged'),
    timeToMitigate: since('mitigated'),
    timeToResolve: since('resolved'),
    declarationDelay: since('declared'),
  };
}

/** Time to acknowledge, mitigate and resolve as people read them, with a skipped step named as skipped. */
export interface DurationTexts {
  readonly acknowledge: string;
  readonly mitigate: string;
  readonly resolve: string;
}

/**
 * A step that was skipped is said to be skipped ("not acknowledged"), one still ahead is "not yet":
 * a blank or a copied later time would both misreport the response.
 */
export function durationTexts(milestones: Milestones, status: IncidentStatus): DurationTexts {
  const d = durationsOf(milestones);
  const pastTriage = status !== 'triage';
  const ended = milestones.resolved !== undefined || ['resolved', 'postmortem', 'closed', 'declined'].includes(status);
  return {
    acknowledge: d.timeToAcknowledge !== undefined ? formatDuration(d.timeToAcknowledge) : pastTriage ? 'not acknowledged' : 'not yet',
    mitigate: d.timeToMitigate !== undefined ? formatDuration(d.timeToMitigate) : ended ? 'not separately mitigated' : 'not yet',
    resolve: d.timeToResolve !== undefined ? formatDuration(d.timeToResolve) : status === 'declined' ? 'declined' : 'not yet',
  };
}

/** `1h 05m`, `12m 30s`, `45s`: readable in a card and a postmortem. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const total = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d) return `${d}d ${h}h ${pad(m)}m`;
  if (h) return `${h}h ${pad(m)}m`;
  if (m) return `${m}m ${pad(s)}s`;
  return `${s}s`;
}
