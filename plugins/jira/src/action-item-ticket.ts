import type { ActionItemTicket, CallOptions, PluginContext, PluginIncident, RemoteRef } from '@muster/plugin-sdk';
import type { JiraConfig } from './config';
import { createOnce } from './create-once';
import { actionItemLines, toAdf, toWiki } from './description';
import { incidentIssueSlot, ticketRef } from './incident-ticket';
import { projectOf, summaryOf } from './issue-fields';
import { keyOf, readIssue } from './issue-read';
import type { JiraApi } from './jira-api';
import { transitionTo } from './transitions';
import { assigneeFor, sameAssignee } from './users';

type Ctx = Pick<PluginContext<JiraConfig>, 'config' | 'storage' | 'services' | 'logger'>;

/** One issue per action item, assigned to its owner when Jira knows their email, linked to the incident's issue. */
export async function openActionItemTicket(ctx: Ctx, api: JiraApi, incident: PluginIncident, item: ActionItemTicket, options: CallOptions): Promise<RemoteRef> {
  const incidentKey = await ctx.storage.get<string>(incidentIssueSlot(incident.id));
  const lines = actionItemLines(incident, item.text, incidentKey);
  const assignee = await assigneeFor(api, item.owner);
  const fields = {
    project: { key: await projectOf(ctx, incident) },
    issuetype: { name: ctx.config.actionItemIssueType },
    summary: summaryOf(incident.reference, item.text),
    description: api.cloud ? toAdf(lines) : toWiki(lines),
    labels: ['muster', 'action-item'],
    ...(assignee ? { assignee } : {}),
  };
  const { key, created } = await createOnce(api, ctx.storage, fields, options);
  if (created && incidentKey) await linkToIncident(ctx, api, key, incidentKey);
  return ticketRef(api, key);
}

/**
 * The link is a convenience: when the installation's link type does not exist, the issue stands
 * without it (a warning says why) rather than the follow-up having no ticket at all.
 */
async function linkToIncident(ctx: Ctx, api: JiraApi, key: string, incidentKey: string): Promise<void> {
  try {
    await api.send('POST', '/issueLink', { type: { name: ctx.config.linkType }, inwardIssue: { key }, outwardIssue: { key: incidentKey } });
  } catch (error) {
    ctx.logger.warn('The action item\'s Jira issue could not be linked to the incident\'s', { issue: key, incidentIssue: incidentKey, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * done (and cancelled, when mapped) moves the issue into the mapped status unless it is in a done
 * status already; open moves it back only when a reopen transition is configured and it is done;
 * a new owner becomes its assignee when Jira knows their email.
 */
export async function syncActionItemTicket(ctx: Ctx, api: JiraApi, ticket: RemoteRef, item: ActionItemTicket): Promise<void> {
  const key = keyOf(ticket);
  const now = await readIssue(api, key);
  const assignee = item.owner ? await assigneeFor(api, item.owner) : undefined;
  if (assignee && !sameAssignee(now.assignee, assignee)) await api.send('PUT', `/issue/${encodeURIComponent(key)}/assignee`, assignee);
  const target = ctx.config.transitions.actionItem[item.state];
  if (!target) return;
  const done = now.status !== undefined && ctx.config.doneStatuses.some((s) => s.toLowerCase() === now.status!.toLowerCase());
  if (item.state === 'open' ? done : !done) await transitionTo(api, key, now.status, target);
}
