import type { Incident } from '../../domain/incident';
import type { WorkflowConditions } from '../../domain/workflow';

/** What a run knows of its trigger besides the incident: where the change came from, the alert's labels. */
export interface TriggerFacts {
  readonly source: string;
  /** The change's platform (`slack`, `api`, `webhook` for an alert, `system`), for the `chat` and `alert` sources. */
  readonly platform?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The conditions that do not hold, in plain words (empty: the rule applies). `lastUpdateAt` is the last
 * published stakeholder update; undefined means it was not looked up (the check inside the recording
 * transaction, which may do no I/O), and `minutesSinceLastUpdate` then waits for the run to check it.
 */
export function failedConditions(c: WorkflowConditions, incident: Incident, facts: TriggerFacts, now: Date, lastUpdateAt?: Date | null): string[] {
  const failed: string[] = [];
  const state = incident.snapshot();
  if (c.severity && !c.severity.some((s) => s.toUpperCase() === incident.severity.toUpperCase())) failed.push(`severity is ${incident.severity}`);
  if (c.services && !c.services.some((s) => state.services.some((mine) => mine.toLowerCase() === s.toLowerCase()))) failed.push('none of the services is affected');
  if (c.private !== undefined && c.private !== incident.isPrivate) failed.push(incident.isPrivate ? 'the incident is private' : 'the incident is not private');
  if (c.status && !c.status.includes(incident.status)) failed.push(`status is ${incident.status}`);
  if (c.source && !c.source.some((s) => sourceIs(s, facts))) failed.push(`the change came from ${facts.source}`);
  if (c.labels && !Object.entries(c.labels).every(([k, v]) => facts.labels?.[k] === v)) failed.push('the alert labels differ');
  if (c.roleVacant && incident.holdersOf(c.roleVacant).length > 0) failed.push(`${c.roleVacant} is taken`);
  if (c.minutesSinceLastUpdate !== undefined && lastUpdateAt !== undefined) {
    const since = lastUpdateAt ?? state.milestones.declared ?? state.createdAt;
    if (now.getTime() - since.getTime() < c.minutesSinceLastUpdate * 60_000) failed.push(`an update went out less than ${c.minutesSinceLastUpdate} minutes ago`);
  }
  return failed;
}

const CHAT = new Set(['slack', 'teams', 'console']);

/** `chat`: any chat platform; `alert`: any alert source; otherwise the source itself (`api`, `alertmanager`, `slack`). */
function sourceIs(wanted: string, facts: TriggerFacts): boolean {
  const w = wanted.toLowerCase();
  if (w === 'chat') return CHAT.has(facts.platform ?? facts.source);
  if (w === 'alert') return facts.platform === 'webhook';
  return w === facts.source.toLowerCase();
}
