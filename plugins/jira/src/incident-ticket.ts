import type { CallOptions, PluginContext, PluginIncident, RemoteRef } from '@muster/plugin-sdk';
import type { JiraConfig } from './config';
import { createOnce } from './create-once';
import { incidentLines, toAdf, toWiki } from './description';
import { priorityOf, projectOf, summaryOf } from './issue-fields';
import { keyOf, readIssue } from './issue-read';
import type { JiraApi } from './jira-api';
import { transitionTo } from './transitions';

type Ctx = Pick<PluginContext<JiraConfig>, 'config' | 'storage' | 'services' | 'severities'>;

/** What Muster last sent for an issue: a sync changes only what changed in Muster since, so edits made in Jira stay. */
interface Synced {
  readonly summary: string;
  readonly priority?: string;
  readonly status: string;
}
const syncedSlot = (key: string) => `synced:${key}`;
/** Action items link their issues to this one. */
export const incidentIssueSlot = (incidentId: string) => `incident-issue:${incidentId}`;

export function ticketRef(api: JiraApi, key: string): RemoteRef {
  return { id: key, url: api.browseUrl(key), title: key };
}

/** `POST /issue` once per incident: `[INC-42] <title>`, the description, the priority of its severity. */
export async function openIncidentTicket(ctx: Ctx, api: JiraApi, incident: PluginIncident, options: CallOptions): Promise<RemoteRef> {
  const lines = incidentLines(incident, ctx.severities.find((s) => s.id === incident.severity)?.label);
  const summary = summaryOf(incident.reference, incident.title);
  const priority = priorityOf(ctx.config, incident.severity);
  const fields = {
    project: { key: await projectOf(ctx, incident) },
    issuetype: { name: ctx.config.issueType },
    summary,
    description: api.cloud ? toAdf(lines) : toWiki(lines),
    labels: ['muster', 'incident'],
    ...(priority ? { priority } : {}),
  };
  const { key, created } = await createOnce(api, ctx.storage, fields, options);
  if (created) await ctx.storage.set(syncedSlot(key), { summary, priority: priority?.name, status: incident.status } satisfies Synced);
  await ctx.storage.set(incidentIssueSlot(incident.id), key);
  return ticketRef(api, key);
}

/**
 * Brings the issue along: a new title or severity updates summary and priority; a status the
 * installation maps (resolved, closed, declined → Done by default) transitions it. Safe to repeat:
 * the fields are set, not added to, and an issue already in the target status is not moved.
 */
export async function syncIncidentTicket(ctx: Ctx, api: JiraApi, ticket: RemoteRef, incident: PluginIncident): Promise<void> {
  const key = keyOf(ticket);
  const last = await ctx.storage.get<Synced>(syncedSlot(key));
  const summary = summaryOf(incident.reference, incident.title);
  const priority = priorityOf(ctx.config, incident.severity);
  const fields: Record<string, unknown> = {};
  if (summary !== last?.summary) fields.summary = summary;
  if (priority && priority.name !== last?.priority) fields.priority = priority;
  if (Object.keys(fields).length) await api.send('PUT', `/issue/${encodeURIComponent(key)}`, { fields });
  const target = ctx.config.transitions.incident[incident.status];
  if (target && incident.status !== last?.status) {
    const now = await readIssue(api, key);
    await transitionTo(api, key, now.status, target);
  }
  await ctx.storage.set(syncedSlot(key), { summary, priority: priority?.name ?? last?.priority, status: incident.status } satisfies Synced);
}
