import type { IncidentStatus } from './lifecycle';

/**
 * Incident process that runs itself (muster.yaml `workflows:`): when something happens to an incident
 * (the trigger) and the incident is as the rule says (the conditions), Muster does the rule's actions.
 * Rules are configuration written by admins, loaded at start; they are plain data here, checked by the
 * server's config section and by core's action registry (application/workflows).
 */

/** What a rule listens for: an incident event, an alert attached to an incident, or a published update. */
export const WORKFLOW_EVENTS = ['declared', 'severity_changed', 'status_changed', 'role_assigned', 'alert_received', 'update_published'] as const;
export type WorkflowEvent = (typeof WORKFLOW_EVENTS)[number];

/** `elapsed`: N minutes after one of the events, the conditions checked again when the time comes. */
export type WorkflowTrigger =
  | { readonly kind: WorkflowEvent }
  | { readonly kind: 'elapsed'; readonly since: WorkflowEvent; readonly minutes: number };

/** Every condition named must hold (an AND); a condition left out does not count. */
export interface WorkflowConditions {
  /** The incident's severity is one of these. */
  readonly severity?: readonly string[];
  /** The incident affects any of these services. */
  readonly services?: readonly string[];
  readonly private?: boolean;
  /** For `alert_received`: every label of the alert equals this (the incident has no labels of its own). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Where the triggering change came from: `slack`, `teams`, `console`, `api`, `system`, a plugin id (`alertmanager`), or `chat` / `alert` for any of those. */
  readonly source?: readonly string[];
  /** No stakeholder update published for at least N minutes (since the declaration when none ever was). */
  readonly minutesSinceLastUpdate?: number;
  /** Nobody holds this role (a role id of the catalogue). */
  readonly roleVacant?: string;
  /** For `status_changed`: the status moved to one of these. */
  readonly status?: readonly IncidentStatus[];
}

/**
 * One step of a rule: an action kind (an open registry, application/workflows/workflow-action.ts)
 * with its parameters as configured, and how long after the trigger it runs.
 */
export interface WorkflowStep {
  readonly kind: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Minutes after the trigger (0: at once). */
  readonly afterMinutes: number;
}

export interface WorkflowRule {
  /** Unique; names the rule on the timeline and in `workflows`. */
  readonly name: string;
  readonly trigger: WorkflowTrigger;
  readonly conditions: WorkflowConditions;
  readonly steps: readonly WorkflowStep[];
  /** Only incidents of this tenant; every tenant when left out (rules are per installation). */
  readonly tenant?: string;
}

/** The event a rule listens for, whether at once or after a delay. */
export const listensFor = (trigger: WorkflowTrigger): WorkflowEvent => (trigger.kind === 'elapsed' ? trigger.since : trigger.kind);

/** Minutes from the trigger to the step. */
export const delayOf = (rule: WorkflowRule, step: WorkflowStep): number =>
  (rule.trigger.kind === 'elapsed' ? rule.trigger.minutes : 0) + step.afterMinutes;

const DURATION = /^\s*(\d{1,5})\s*(m|min|mins|minutes?|h|hours?|d|days?)\s*$/i;

/** `15m`, `2h`, `1d` (or a bare number of minutes) in minutes; undefined for anything else. */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 && text <= 100_000 ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = match[2]!.toLowerCase()[0];
  return unit === 'h' ? n * 60 : unit === 'd' ? n * 1440 : n;
}

/** `15m`, `2h`, `1d 2h 5m` for people. */
export function durationWords(minutes: number): string {
  if (minutes === 0) return 'at once';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean).join(' ');
}
