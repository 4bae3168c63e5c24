import type { Milestone } from './lifecycle';

export interface IncidentDurations {
  /** Milliseconds from detection to acknowledgement, mitigation, resolution; undefined until reached. */
  readonly timeToAcknowledge?: number;
  readonly timeToMitigate?: number;
  readonly timeToResolve?: number;
  readonly declarationDelay?: number;
}

export function durationsOf(milestones: Readonly<Partial<Record<Milestone, Date>>>): IncidentDurations {
  const start = milestones.detected ?? milestones.declared;
  const since = (m: Milestone) => (start && milestones[m] ? milestones[m]!.getTime() - start.getTime() : undefined);
  return {
    timeToAcknowledge: since('acknowledged'),
    timeToMitigate: since('mitigated'),
    timeToResolve: since('resolved'),
    declarationDelay: since('declared'),
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
