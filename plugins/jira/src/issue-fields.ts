import { createHash } from 'node:crypto';
import { PluginConfigError, type PluginContext, type PluginIncident } from '@muster/plugin-sdk';
import type { JiraConfig } from './config';

/** Jira's summary is one line of at most 255 characters. */
const SUMMARY_MAX = 255;
const PROJECT_KEY = /^[A-Z][A-Z0-9_]{0,49}$/;

/** `[INC-42] Checkout is down`, on one line, cut to what Jira accepts. */
export function summaryOf(reference: string, text: string): string {
  // Control characters are refused by Jira (and mean nothing in a summary): they become spaces too.
  const line = `[${reference}] ${text.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim()}`;
  return line.length <= SUMMARY_MAX ? line : `${line.slice(0, SUMMARY_MAX - 1)}…`;
}

/**
 * The label that ties an issue to the Muster call that created it: labels cannot hold spaces and
 * idempotency keys may, so it carries a digest of the key. A redo searches for it before creating.
 */
export function idempotencyLabel(idempotencyKey: string): string {
  return `muster-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;
}

/** The Jira priority for a severity, or undefined when the installation maps none. */
export function priorityOf(config: JiraConfig, severity: string): { name: string } | undefined {
  const name = config.priorities[severity];
  return name ? { name } : undefined;
}

/**
 * The project of an incident's issues: the catalogue's `integrations.jira` of its first service, or
 * the installation's `project`. Neither is a configuration problem, named as such.
 */
export async function projectOf(ctx: Pick<PluginContext<JiraConfig>, 'config' | 'services'>, incident: PluginIncident): Promise<string> {
  const first = incident.services[0];
  const fromCatalogue = first ? (await ctx.services.find(first))?.integrations.jira?.trim() : undefined;
  if (fromCatalogue) {
    if (!PROJECT_KEY.test(fromCatalogue)) throw new PluginConfigError(`The service "${first}" names Jira project "${fromCatalogue.slice(0, 60)}", which is not a project key (upper-case letters, digits, "_")`, 'project');
    return fromCatalogue;
  }
  if (ctx.config.project) return ctx.config.project;
  throw new PluginConfigError(`No Jira project for ${incident.reference}: set plugins.jira.config.project, or integrations.jira on the service "${first ?? '(none)'}"`, 'project');
}

/** What an issue key looks like (`OPS-123`): anything else from the remote side is not used. */
export function isIssueKey(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 100 && /^[A-Z][A-Z0-9_]*-[1-9][0-9]*$/.test(value);
}
