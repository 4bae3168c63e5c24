import { z } from '@muster/plugin-sdk';

const name = z.string().trim().min(1).max(255);
const projectKey = z.string().trim().regex(/^[A-Z][A-Z0-9_]{0,49}$/, 'a Jira project key is upper-case letters, digits or "_", starting with a letter (OPS)');

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const jiraConfigSchema = z.strictObject({
  apiUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''))
    .describe('Your Jira site: https://<site>.atlassian.net for Cloud, or the base URL of Data Center (https://jira.example.com). Required: there is no default site'),
  deployment: z.enum(['cloud', 'datacenter']).default('cloud')
    .describe('cloud: REST v3, ADF descriptions, EMAIL + API_TOKEN; datacenter: REST v2, plain-text descriptions, PERSONAL_ACCESS_TOKEN (default cloud)'),
  project: projectKey.optional()
    .describe('The project key for new issues (OPS); a service whose catalogue entry has integrations.jira uses that project instead'),
  issueType: name.default('Task').describe('The issue type of an incident\'s issue (default Task)'),
  actionItemIssueType: name.default('Task').describe('The issue type of an action item\'s issue (default Task)'),
  priorities: z.record(z.string().trim().min(1).max(50), name).default({ SEV1: 'Highest', SEV2: 'High', SEV3: 'Medium' })
    .describe('Muster severity → Jira priority name (default SEV1 Highest, SEV2 High, SEV3 Medium); a severity not listed sets no priority'),
  transitions: z.strictObject({
    incident: z.partialRecord(z.enum(['triage', 'investigating', 'mitigated', 'resolved', 'postmortem', 'closed', 'declined']), name)
      .default({ resolved: 'Done', closed: 'Done', declined: 'Done' })
      .describe('Muster incident status → the Jira transition (or target status) name to apply (default resolved, closed and declined → Done)'),
    actionItem: z.partialRecord(z.enum(['open', 'done', 'cancelled']), name).default({ done: 'Done' })
      .describe('Action item state → the Jira transition (or target status) name (default done → Done; set open to reopen a ticket)'),
  }).default({ incident: { resolved: 'Done', closed: 'Done', declined: 'Done' }, actionItem: { done: 'Done' } })
    .describe('Which Jira transition to make when Muster\'s status changes, matched by transition name or target status name'),
  doneStatuses: z.array(name).min(1).default(['Done'])
    .describe('Jira status names that mean done: an action item\'s ticket entering one marks it done, leaving one reopens it (default ["Done"])'),
  linkType: name.default('Relates')
    .describe('The issue link type between an action item\'s issue and its incident\'s issue (default Relates)'),
});

export type JiraConfig = z.output<typeof jiraConfigSchema>;
