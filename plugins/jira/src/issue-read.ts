import { PluginHttpError } from '@muster/plugin-sdk';
import { isIssueKey } from './issue-fields';
import type { JiraApi } from './jira-api';

/** What the sync needs of an issue as `GET /issue/{key}` shows it; absent fields stay undefined. */
export interface IssueNow {
  readonly status?: string;
  readonly priority?: string;
  readonly assignee?: unknown;
}

/** The key of a ticket Muster recorded, checked before it goes into a URL path. */
export function keyOf(ticket: { readonly id: string }): string {
  if (!isIssueKey(ticket.id)) throw new PluginHttpError(`"${String(ticket.id).slice(0, 40)}" is not a Jira issue key`, undefined);
  return ticket.id;
}

export async function readIssue(api: JiraApi, key: string): Promise<IssueNow> {
  const answer = await api.get<{ fields?: Record<string, unknown> }>(`/issue/${encodeURIComponent(key)}`, { fields: 'status,priority,assignee' });
  const fields = (answer as { fields?: unknown } | null)?.fields;
  const f = typeof fields === 'object' && fields !== null ? fields as Record<string, { name?: unknown } | null | undefined> : {};
  const name = (value: { name?: unknown } | null | undefined) => (typeof value?.name === 'string' ? value.name.slice(0, 255) : undefined);
  return { status: name(f.status), priority: name(f.priority), assignee: f.assignee ?? undefined };
}
