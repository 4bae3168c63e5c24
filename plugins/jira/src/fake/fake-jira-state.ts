import { adfProblem } from './adf-check';

export type ApiVersion = '2' | '3';
export interface Reply { readonly status: number; readonly body?: unknown }

export interface FakeUser {
  readonly accountId: string;
  /** Data Center's user name. */
  readonly name: string;
  readonly emailAddress: string;
  readonly displayName: string;
  readonly active?: boolean;
}

export interface FakeTransition { readonly id: string; readonly name: string; readonly to: string }

export interface FakeIssue {
  readonly id: string;
  readonly key: string;
  readonly project: string;
  readonly issueType: string;
  summary: string;
  readonly description: unknown;
  priority?: string;
  readonly labels: string[];
  status: string;
  assignee?: FakeUser;
  readonly links: { readonly type: string; readonly inward: string; readonly outward: string }[];
}

export interface FakeJiraSetup {
  readonly projects?: readonly string[];
  readonly issueTypes?: readonly string[];
  readonly priorities?: readonly string[];
  readonly users?: readonly FakeUser[];
  readonly linkTypes?: readonly string[];
  /** Offered from every status but their target (Jira's simplified workflow). */
  readonly transitions?: readonly FakeTransition[];
}

const DONE = 'Done';
const DEFAULT_TRANSITIONS: FakeTransition[] = [{ id: '11', name: 'To Do', to: 'To Do' }, { id: '21', name: 'In Progress', to: 'In Progress' }, { id: '31', name: 'Done', to: DONE }];

/** Jira's error body: `{"errorMessages": [...], "errors": {"<field>": "<message>"}}`. */
export const jiraError = (status: number, errorMessages: string[], errors: Record<string, string> = {}): Reply => ({ status, body: { errorMessages, errors } });
const notFound = () => jiraError(404, ['Issue does not exist or you do not have permission to see it.']);

/** The issues, users and workflow of a fake Jira site, with the checks Jira makes of what is sent. */
export class FakeJiraState {
  readonly issues: FakeIssue[] = [];
  readonly projects: Set<string>;
  readonly issueTypes: Set<string>;
  readonly priorities: Set<string>;
  readonly users: FakeUser[];
  readonly linkTypes: Set<string>;
  readonly workflow: readonly FakeTransition[];

  constructor(setup: FakeJiraSetup, private readonly siteUrl: () => string) {
    this.projects = new Set(setup.projects ?? ['OPS']);
    this.issueTypes = new Set(setup.issueTypes ?? ['Task', 'Bug', 'Incident']);
    this.priorities = new Set(setup.priorities ?? ['Highest', 'High', 'Medium', 'Low', 'Lowest']);
    this.users = [...(setup.users ?? [])];
    this.linkTypes = new Set(setup.linkTypes ?? ['Relates', 'Blocks']);
    this.workflow = setup.transitions ?? DEFAULT_TRANSITIONS;
  }

  issue(key: string): FakeIssue | undefined {
    return this.issues.find((i) => i.key === key);
  }

  create(v: ApiVersion, body: unknown): Reply {
    const fields = (body as { fields?: Record<string, unknown> } | null)?.fields;
    if (!fields || typeof fields !== 'object') return jiraError(400, ['fields are required']);
    const errors: Record<string, string> = {};
    const project = (fields.project as { key?: unknown } | undefined)?.key;
    if (typeof project !== 'string' || !this.projects.has(project)) errors.project = 'valid project is required';
    const issueType = (fields.issuetype as { name?: unknown } | undefined)?.name;
    if (typeof issueType !== 'string' || !this.issueTypes.has(issueType)) errors.issuetype = 'The issue type selected is invalid.';
    const summary = fields.summary;
    if (typeof summary !== 'string' || !summary.trim()) errors.summary = 'You must specify a summary of the issue.';
    else if (summary.length > 255) errors.summary = 'Summary must be less than 255 characters.';
    else if (/[\r\n]/.test(summary)) errors.summary = 'The summary is invalid because it contains newline characters.';
    const priority = this.priorityProblem(fields.priority);
    if (priority) errors.priority = priority;
    const description = v === '3' ? (fields.description === undefined ? undefined : adfProblem(fields.description))
      : (fields.description === undefined || typeof fields.description === 'string' ? undefined : 'Operation value must be a string');
    if (description) errors.description = description;
    const labels = Array.isArray(fields.labels) ? fields.labels : [];
    const badLabel = labels.find((l) => typeof l !== 'string' || /\s/.test(l) || l.length > 255);
    if (badLabel !== undefined) errors.labels = `The label '${String(badLabel)}' contains spaces which is invalid.`;
    const assignee = fields.assignee === undefined ? undefined : this.userOf(v, fields.assignee);
    if (fields.assignee !== undefined && !assignee) errors.assignee = 'Specified user does not exist or you do not have required permissions';
    if (Object.keys(errors).length) return jiraError(400, [], errors);
    const number = this.issues.filter((i) => i.project === project).length + 1;
    const issue: FakeIssue = {
      id: String(10000 + this.issues.length + 1), key: `${project as string}-${number}`, project: project as string, issueType: issueType as string,
      summary: summary as string, description: fields.description, priority: (fields.priority as { name?: string } | undefined)?.name,
      labels: labels as string[], status: 'To Do', assignee, links: [],
    };
    this.issues.push(issue);
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${this.siteUrl()}/rest/api/${v}/issue/${issue.id}` } };
  }

  get(v: ApiVersion, key: string): Reply {
    const issue = this.issue(key);
    if (!issue) return notFound();
    return { status: 200, body: this.view(v, issue) };
  }

  update(key: string, body: unknown): Reply {
    const issue = this.issue(key);
    if (!issue) return notFound();
    const fields = (body as { fields?: Record<string, unknown> } | null)?.fields ?? {};
    const priority = fields.priority === undefined ? undefined : this.priorityProblem(fields.priority);
    if (priority) return jiraError(400, [], { priority });
    if (fields.summary !== undefined && (typeof fields.summary !== 'string' || fields.summary.length > 255)) return jiraError(400, [], { summary: 'Summary must be less than 255 characters.' });
    if (typeof fields.summary === 'string') issue.summary = fields.summary;
    if (fields.priority !== undefined) issue.priority = (fields.priority as { name: string }).name;
    return { status: 204 };
  }

  assign(v: ApiVersion, key: string, body: unknown): Reply {
    const issue = this.issue(key);
    if (!issue) return notFound();
    const user = this.userOf(v, body);
    if (!user) return jiraError(400, [], { assignee: 'Specified user does not exist or you do not have required permissions' });
    issue.assignee = user;
    return { status: 204 };
  }

  transitions(key: string): Reply {
    const issue = this.issue(key);
    if (!issue) return notFound();
    const offered = this.workflow.filter((t) => t.to !== issue.status);
    return { status: 200, body: { expand: 'transitions', transitions: offered.map((t) => ({ id: t.id, name: t.name, to: statusView(t.to), hasScreen: false, isGlobal: true })) } };
  }

  transition(key: string, body: unknown): Reply {
    const issue = this.issue(key);
    if (!issue) return notFound();
    const id = (body as { transition?: { id?: unknown } } | null)?.transition?.id;
    const chosen = this.workflow.find((t) => t.id === id && t.to !== issue.status);
    if (!chosen) return jiraError(400, [`Transition id '${String(id)}' is not valid for this issue.`]);
    issue.status = chosen.to;
    return { status: 204 };
  }

  /** Only what Muster asks: `labels = "<label>"`, optionally ordered; anything else is a JQL error, as Jira would answer. */
  search(v: ApiVersion, body: unknown): Reply {
    const jql = (body as { jql?: unknown } | null)?.jql;
    const match = typeof jql === 'string' ? /^labels\s*=\s*"?([^"\s]+)"?(\s+ORDER BY created (ASC|DESC))?$/i.exec(jql.trim()) : null;
    if (!match) return jiraError(400, [`Error in the JQL Query: the fake understands only labels = "<label>" (got ${JSON.stringify(jql)}).`]);
    const found = this.issues.filter((i) => i.labels.includes(match[1]!)).map((i) => this.view(v, i));
    return v === '3' ? { status: 200, body: { issues: found, isLast: true } } : { status: 200, body: { startAt: 0, maxResults: 50, total: found.length, issues: found } };
  }

  /** Cloud `query` matches email or display name (email shown); Data Center `username` matches name or email. */
  userSearch(v: ApiVersion, query: URLSearchParams): Reply {
    const wanted = (v === '3' ? query.get('query') : query.get('username'))?.toLowerCase();
    if (!wanted) return jiraError(400, [v === '3' ? 'The query parameter \'query\' is required.' : 'The username query parameter was not provided']);
    const found = this.users.filter((u) => u.emailAddress.toLowerCase().startsWith(wanted) || u.displayName.toLowerCase().startsWith(wanted) || (v === '2' && u.name.toLowerCase() === wanted));
    return { status: 200, body: found.map((u) => userView(v, u)) };
  }

  link(body: unknown): Reply {
    const b = body as { type?: { name?: unknown }; inwardIssue?: { key?: unknown }; outwardIssue?: { key?: unknown } } | null;
    const type = b?.type?.name;
    if (typeof type !== 'string' || !this.linkTypes.has(type)) return jiraError(404, [`No issue link type with name '${String(type)}' found.`]);
    const inward = this.issue(String(b?.inwardIssue?.key));
    const outward = this.issue(String(b?.outwardIssue?.key));
    if (!inward || !outward) return notFound();
    inward.links.push({ type, inward: inward.key, outward: outward.key });
    return { status: 201 };
  }

  private priorityProblem(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    const name = (value as { name?: unknown } | null)?.name;
    return typeof name === 'string' && this.priorities.has(name) ? undefined : `Priority name '${String(name)}' is not valid`;
  }

  private userOf(v: ApiVersion, value: unknown): FakeUser | undefined {
    const ref = value as { accountId?: unknown; name?: unknown } | null;
    return this.users.find((u) => (v === '3' ? u.accountId === ref?.accountId : u.name === ref?.name));
  }

  private view(v: ApiVersion, issue: FakeIssue) {
    return {
      id: issue.id, key: issue.key, self: `${this.siteUrl()}/rest/api/${v}/issue/${issue.id}`,
      fields: {
        summary: issue.summary, labels: issue.labels, description: issue.description ?? null,
        status: statusView(issue.status), priority: issue.priority ? { name: issue.priority } : null,
        assignee: issue.assignee ? userView(v, issue.assignee) : null,
        issuetype: { name: issue.issueType }, project: { key: issue.project },
      },
    };
  }
}

function statusView(name: string) {
  const key = name === DONE ? 'done' : name === 'To Do' ? 'new' : 'indeterminate';
  return { name, statusCategory: { key } };
}

function userView(v: ApiVersion, u: FakeUser) {
  return v === '3'
    ? { accountId: u.accountId, accountType: 'atlassian', emailAddress: u.emailAddress, displayName: u.displayName, active: u.active ?? true }
    : { name: u.name, key: u.name, emailAddress: u.emailAddress, displayName: u.displayName, active: u.active ?? true };
}
