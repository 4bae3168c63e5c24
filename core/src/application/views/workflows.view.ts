import type { Incident } from '../../domain/incident';
import { delayOf, durationWords, type WorkflowConditions, type WorkflowRule, type WorkflowTrigger } from '../../domain/workflow';
import type { Block, View } from './view';

/** What the view needs of the engine: each rule with its steps in words, and whether it applies to the incident here. */
export interface WorkflowListing {
  readonly rule: WorkflowRule;
  readonly steps: readonly string[];
  /** In an incident room: the conditions that do not hold for it now (empty: it applies). */
  readonly failing?: readonly string[];
}

const EVENT_WORDS: Readonly<Record<string, string>> = {
  declared: 'an incident is declared', severity_changed: 'the severity changes', status_changed: 'the status changes',
  role_assigned: 'a role is assigned', alert_received: 'an alert comes in', update_published: 'a stakeholder update is published',
};

export function triggerWords(trigger: WorkflowTrigger): string {
  if (trigger.kind === 'elapsed') return `${durationWords(trigger.minutes)} after ${EVENT_WORDS[trigger.since] ?? trigger.since}`;
  return `when ${EVENT_WORDS[trigger.kind] ?? trigger.kind}`;
}

export function conditionWords(c: WorkflowConditions): string[] {
  return [
    c.severity && `severity is ${c.severity.join(' or ')}`,
    c.services && `affects ${c.services.join(' or ')}`,
    c.private !== undefined && (c.private ? 'it is private' : 'it is not private'),
    c.status && `status is ${c.status.join(' or ')}`,
    c.source && `the change came from ${c.source.join(' or ')}`,
    c.labels && `the alert has ${Object.entries(c.labels).map(([k, v]) => `${k}=${v}`).join(', ')}`,
    c.minutesSinceLastUpdate !== undefined && `no update for ${durationWords(c.minutesSinceLastUpdate)}`,
    c.roleVacant && `nobody is ${c.roleVacant}`,
  ].filter((w): w is string => typeof w === 'string');
}

/** `workflows`: every rule in plain words; in an incident room also which apply to it. Rule texts are plain strings: the renderer escapes them. */
export function workflowsView(listings: readonly WorkflowListing[], incident?: Incident): View {
  if (listings.length === 0) {
    return { fallback: 'No workflows are configured.', blocks: [{ type: 'text', text: ['No workflows are configured. Admins add them under ', { code: 'workflows:' }, ' in muster.yaml.'] }] };
  }
  const blocks: Block[] = [{ type: 'header', text: 'Workflows' }];
  for (const { rule, steps, failing } of listings) {
    const conditions = conditionWords(rule.conditions);
    blocks.push({ type: 'text', text: [{ bold: rule.name }, ` — ${triggerWords(rule.trigger)}${conditions.length ? `, if ${conditions.join(' and ')}` : ''}:`] });
    blocks.push({ type: 'list', items: rule.steps.map((step, i) => [`${steps[i]}${delayOf(rule, step) > 0 ? ` (after ${durationWords(delayOf(rule, step))})` : ''}`]) });
    if (incident && failing) {
      blocks.push({ type: 'context', text: [failing.length === 0 ? `Applies to ${incident.reference}.` : `Does not apply to ${incident.reference}: ${failing.join('; ')}.`] });
    }
  }
  const fallback = listings.map(({ rule }) => `${rule.name}: ${triggerWords(rule.trigger)}`).join('\n');
  return { fallback, blocks };
}
