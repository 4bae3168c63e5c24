import type { PluginPerson } from '@muster/plugin-sdk';
import type { JiraApi } from './jira-api';

/** How Jira names an assignee: Cloud by `accountId`, Data Center by user `name`. */
export type Assignee = { readonly accountId: string } | { readonly name: string };

interface JiraUser {
  readonly accountId?: unknown;
  readonly name?: unknown;
  readonly emailAddress?: unknown;
  readonly active?: unknown;
  readonly accountType?: unknown;
}

/**
 * The Jira user with a person's email, or undefined (no email, nobody found, several that cannot be
 * told apart): the issue is then left unassigned rather than given to the wrong person. Cloud hides
 * most users' email addresses, so one active human match counts; Data Center searches `username`,
 * which matches email too.
 */
export async function assigneeFor(api: JiraApi, person: PluginPerson | undefined): Promise<Assignee | undefined> {
  const email = person?.email?.trim().toLowerCase();
  if (!email || email.length > 254 || !email.includes('@')) return undefined;
  const answer = api.cloud
    ? await api.get<unknown>('/user/search', { query: email, maxResults: '10' })
    : await api.get<unknown>('/user/search', { username: email, maxResults: '10' });
  const users = (Array.isArray(answer) ? answer : []).filter((u): u is JiraUser => typeof u === 'object' && u !== null)
    .filter((u) => u.active !== false && (u.accountType === undefined || u.accountType === 'atlassian'));
  const exact = users.filter((u) => typeof u.emailAddress === 'string' && u.emailAddress.toLowerCase() === email);
  const chosen = exact.length === 1 ? exact[0] : exact.length === 0 && users.length === 1 ? users[0] : undefined;
  if (!chosen) return undefined;
  if (api.cloud) return typeof chosen.accountId === 'string' && chosen.accountId.length <= 128 ? { accountId: chosen.accountId } : undefined;
  return typeof chosen.name === 'string' && chosen.name.length <= 255 ? { name: chosen.name } : undefined;
}

/** Whether an issue's assignee (as `GET /issue` shows it) is this one. */
export function sameAssignee(current: unknown, wanted: Assignee | undefined): boolean {
  const now = current as { accountId?: unknown; name?: unknown } | null | undefined;
  if (!wanted) return !now;
  return 'accountId' in wanted ? now?.accountId === wanted.accountId : now?.name === wanted.name;
}
