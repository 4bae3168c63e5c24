import {
  CORE_WORKFLOW_ACTION_KINDS, INCIDENT_STATUSES, parseDuration, unknownPlaceholders, WORKFLOW_EVENTS,
  type RoleCatalog, type SeverityCatalog, type WorkflowConditions, type WorkflowEvent, type WorkflowRule, type WorkflowStep, type WorkflowTrigger,
} from '@muster/core';
import { z } from 'zod';
import { PLUGIN_WORKFLOW_ACTION_KINDS } from '../plugins/integrations/workflow-plugin-actions';
import type { Problems } from './problems';

/**
 * `workflows:` in muster.yaml: incident process that runs itself. The file schema only asks for a list
 * here (WORKFLOWS); each rule is read by `readWorkflows`, which names the rule in every problem
 * (`workflows[0] (payments-sev1).do[1].after must be a duration like 15m`) and checks severities, roles
 * and services against the catalogues. Each action's parameters are checked again by core's action
 * registry when the container is built, so a plugin's own action kinds are checked too.
 */
export const WORKFLOWS = z.array(z.unknown(), { error: 'must be a list of rules, each with name, on and do' });

const RULE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const RULE_KEYS = new Set(['name', 'on', 'when', 'do', 'tenant']);
const CONDITION_KEYS = new Set(['severity', 'services', 'private', 'labels', 'source', 'minutesSinceLastUpdate', 'roleVacant', 'status']);
const ACTION_KINDS: readonly string[] = [...CORE_WORKFLOW_ACTION_KINDS, ...PLUGIN_WORKFLOW_ACTION_KINDS];
/** Keys beside the action's own, per action. */
const EXTRA_KEYS: Readonly<Record<string, readonly string[]>> = { post: ['checklist'], remind: [], assign: ['to'] };

export interface WorkflowCatalogues {
  readonly severities?: SeverityCatalog;
  readonly roles?: RoleCatalog;
  /** The service catalogue's names when muster.yaml has one: a rule naming another service is a typo. */
  readonly services?: readonly string[];
}

type Raw = Record<string, unknown>;
const isMapping = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const texts = (v: unknown): string[] | undefined => (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string' && x.trim()) ? v.map((x: string) => x.trim()) : undefined);

export function readWorkflows(raw: readonly unknown[] | undefined, catalogues: WorkflowCatalogues, problems: Problems): WorkflowRule[] {
  const rules: WorkflowRule[] = [];
  const names = new Set<string>();
  (raw ?? []).forEach((entry, i) => {
    const name = isMapping(entry) && typeof entry.name === 'string' ? entry.name.trim() : undefined;
    const at = `workflows[${i}]${name ? ` (${name})` : ''}`;
    const before = problems.list.length;
    if (!isMapping(entry)) return problems.add(at, 'must be a mapping with name, on and do');
    for (const key of Object.keys(entry)) if (!RULE_KEYS.has(key)) problems.add(`${at}.${key}`, 'is not a rule setting; use name, on, when, do or tenant');
    if (!name || !RULE_NAME.test(name)) problems.add(`${at}.name`, 'must be lower-case letters, digits, . _ or - (at most 64), like payments-sev1', entry.name);
    else if (names.has(name)) problems.add(`${at}.name`, 'is used by an earlier rule; rule names must be unique');
    if (name) names.add(name);
    const trigger = readTrigger(entry.on, `${at}.on`, problems);
    const conditions = readConditions(entry.when, `${at}.when`, catalogues, problems);
    const steps = readSteps(entry.do, `${at}.do`, catalogues, problems);
    const tenant = entry.tenant === undefined ? undefined : typeof entry.tenant === 'string' && entry.tenant.trim() ? entry.tenant.trim() : (problems.add(`${at}.tenant`, 'must be a tenant id'), undefined);
    if (problems.list.length === before && name && trigger && conditions && steps) rules.push({ name, trigger, conditions, steps, ...(tenant && { tenant }) });
    return undefined;
  });
  return rules;
}

/** `on: declared`, or `on: { elapsed: 30m, since: declared }`. */
function readTrigger(on: unknown, at: string, problems: Problems): WorkflowTrigger | undefined {
  const event = (v: unknown): v is WorkflowEvent => typeof v === 'string' && (WORKFLOW_EVENTS as readonly string[]).includes(v);
  if (event(on)) return { kind: on };
  if (isMapping(on) && 'elapsed' in on) {
    const minutes = parseDuration(on.elapsed);
    if (minutes === undefined || minutes === 0) problems.add(`${at}.elapsed`, 'must be a duration like 30m', on.elapsed);
    if (!event(on.since)) problems.add(`${at}.since`, `must be one of ${WORKFLOW_EVENTS.join(', ')}`, on.since);
    return minutes && event(on.since) ? { kind: 'elapsed', since: on.since, minutes } : undefined;
  }
  problems.add(at, `must be one of ${WORKFLOW_EVENTS.join(', ')}, or { elapsed: 30m, since: declared }`, on);
  return undefined;
}

function readConditions(when: unknown, at: string, catalogues: WorkflowCatalogues, problems: Problems): WorkflowConditions | undefined {
  if (when === undefined || when === null) return {};
  if (!isMapping(when)) return problems.add(at, 'must be a mapping of conditions, like { severity: [SEV1] }'), undefined;
  const before = problems.list.length;
  const c: { -readonly [K in keyof WorkflowConditions]: WorkflowConditions[K] } = {};
  for (const key of Object.keys(when)) if (!CONDITION_KEYS.has(key)) problems.add(`${at}.${key}`, `is not a condition; use ${[...CONDITION_KEYS].join(', ')}`);
  const list = (key: string, check?: (v: string) => string | undefined): string[] | undefined => {
    if (when[key] === undefined) return undefined;
    const values = texts(typeof when[key] === 'string' ? [when[key]] : when[key]);
    if (!values) return problems.add(`${at}.${key}`, 'must be a list of names', when[key]), undefined;
    return values.map((v) => {
      const fixed = check ? check(v) : v;
      if (fixed === undefined) problems.add(`${at}.${key}`, `names ${JSON.stringify(v)}, which is not known here`);
      return fixed ?? v;
    });
  };
  const severities = catalogues.severities;
  c.severity = list('severity', (v) => (severities ? severities.find(v)?.id : v));
  const services = catalogues.services;
  c.services = list('services', (v) => (!services || services.some((s) => s.toLowerCase() === v.toLowerCase()) ? v : undefined));
  c.source = list('source');
  const statuses = list('status', (v) => ((INCIDENT_STATUSES as readonly string[]).includes(v) ? v : undefined));
  if (statuses) c.status = statuses as WorkflowConditions['status'];
  if (when.private !== undefined) {
    if (typeof when.private !== 'boolean') problems.add(`${at}.private`, 'must be true or false', when.private);
    else c.private = when.private;
  }
  if (when.labels !== undefined) {
    if (!isMapping(when.labels) || !Object.values(when.labels).every((v) => typeof v === 'string')) problems.add(`${at}.labels`, 'must be a mapping of label to value, like { team: payments }');
    else c.labels = when.labels as Record<string, string>;
  }
  if (when.minutesSinceLastUpdate !== undefined) {
    const n = when.minutesSinceLastUpdate;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) problems.add(`${at}.minutesSinceLastUpdate`, 'must be a whole number of minutes', n);
    else c.minutesSinceLastUpdate = n;
  }
  if (when.roleVacant !== undefined) {
    const role = typeof when.roleVacant === 'string' ? (catalogues.roles ? catalogues.roles.find(when.roleVacant)?.id : when.roleVacant) : undefined;
    if (!role) problems.add(`${at}.roleVacant`, `must be a role${catalogues.roles ? `: ${catalogues.roles.roles.map((r) => r.id).join(', ')}` : ''}`, when.roleVacant);
    else c.roleVacant = role;
  }
  for (const key of Object.keys(c) as (keyof typeof c)[]) if (c[key] === undefined) delete c[key];
  return problems.list.length === before ? c : undefined;
}

function readSteps(steps: unknown, at: string, catalogues: WorkflowCatalogues, problems: Problems): WorkflowStep[] | undefined {
  if (!Array.isArray(steps) || steps.length === 0) return problems.add(at, 'must be a list of at least one action, like - invite: [\'@oncall\']'), undefined;
  const before = problems.list.length;
  const read = steps.map((step, j): WorkflowStep | undefined => {
    const where = `${at}[${j}]`;
    if (!isMapping(step)) return problems.add(where, `must be a mapping with one action: ${ACTION_KINDS.join(', ')}`), undefined;
    const kinds = Object.keys(step).filter((k) => ACTION_KINDS.includes(k));
    if (kinds.length !== 1) return problems.add(where, `must name exactly one action: ${ACTION_KINDS.join(', ')}`), undefined;
    const kind = kinds[0]!;
    for (const key of Object.keys(step)) {
      if (key !== kind && key !== 'after' && !(EXTRA_KEYS[kind] ?? []).includes(key)) problems.add(`${where}.${key}`, `is not a setting of ${kind}`);
    }
    const afterMinutes = step.after === undefined ? 0 : parseDuration(step.after);
    if (afterMinutes === undefined) problems.add(`${where}.after`, 'must be a duration like 15m', step.after);
    checkKnownNames(kind, step, where, catalogues, problems);
    const { [kind]: value, after: _after, ...rest } = step;
    return { kind, params: { value, ...rest }, afterMinutes: afterMinutes ?? 0 };
  });
  return problems.list.length === before ? (read as WorkflowStep[]) : undefined;
}

/** The names a step's value refers to, against the catalogues; the action's own check does the rest. */
function checkKnownNames(kind: string, step: Raw, where: string, catalogues: WorkflowCatalogues, problems: Problems): void {
  const value = step[kind];
  if (kind === 'escalate' && value !== 'up' && catalogues.severities && !(typeof value === 'string' && catalogues.severities.find(value))) {
    problems.add(`${where}.escalate`, `must be up or a severity: ${catalogues.severities.ids().join(', ')}`, value);
  }
  if (kind === 'assign' && catalogues.roles && !(typeof value === 'string' && catalogues.roles.find(value))) {
    problems.add(`${where}.assign`, `must be a role: ${catalogues.roles.roles.map((r) => r.id).join(', ')}`, value);
  }
  if (kind === 'page' && catalogues.services && typeof value === 'string' && value !== 'affected' && !catalogues.services.some((s) => s.toLowerCase() === value.toLowerCase())) {
    problems.add(`${where}.page`, 'names a service the catalogue (services:) does not have', value);
  }
  for (const [key, text] of [[kind, value], ...((Array.isArray(step.checklist) ? step.checklist : []) as unknown[]).map((t, n) => [`checklist[${n}]`, t])] as [string, unknown][]) {
    if ((kind === 'post' || kind === 'remind' || key.startsWith('checklist')) && typeof text === 'string') {
      const unknown = unknownPlaceholders(text);
      if (unknown.length) problems.add(`${where}.${key}`, `uses {${unknown[0]}}, which Muster does not know; use {incident.reference}, {incident.title}, {incident.severity}, {incident.url}, {incident.status} or {rule.name}`);
    }
  }
}
