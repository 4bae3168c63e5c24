import { definePlugin, type PluginIncident } from '@muster/plugin-sdk';
import { openActionItemTicket, syncActionItemTicket } from './action-item-ticket';
import { jiraConfigSchema } from './config';
import { openIncidentTicket, syncIncidentTicket } from './incident-ticket';
import { jiraApi } from './jira-api';
import { ticketEventsOf, verifyJiraWebhook } from './webhook';

export const jiraPlugin = definePlugin({
  id: 'jira',
  name: 'Jira',
  description: 'A Jira issue for every incident and action item (Cloud or Data Center), transitioned as they change; a ticket done in Jira marks its follow-up done',
  version: '1.0.0',
  sdk: '^1.2.0',
  capabilities: ['ticketing'],
  configSchema: jiraConfigSchema,
  secrets: [
    { name: 'EMAIL', description: 'Cloud: the email address of the Atlassian account Muster acts as', required: false },
    { name: 'API_TOKEN', description: 'Cloud: an API token of that account (id.atlassian.com → Security → API tokens)', required: false },
    { name: 'PERSONAL_ACCESS_TOKEN', description: 'Data Center: a personal access token (Profile → Personal Access Tokens)', required: false },
    { name: 'WEBHOOK_SECRET', description: 'The secret of the Jira admin webhook to <MUSTER_PUBLIC_URL>/webhooks/jira (it signs X-Hub-Signature), or the ?token= of one that cannot sign', required: false },
  ],
  activate: (ctx) => {
    const api = jiraApi(ctx);
    return {
      ticketing: {
        openIncidentTicket: (incident, options) => openIncidentTicket(ctx, api, asShown(incident), options),
        openActionItemTicket: (incident, item, options) => openActionItemTicket(ctx, api, asShown(incident), item, options),
        syncIncident: (ticket, incident) => syncIncidentTicket(ctx, api, ticket, asShown(incident)),
        syncActionItem: (ticket, item) => syncActionItemTicket(ctx, api, ticket, item),
        verify: (request) => verifyJiraWebhook(ctx, request),
        ticketEvents: async (request) => ticketEventsOf(ctx.config, request),
      },
    };
  },
});

/**
 * What Jira may show of an incident: everyone with access to the project reads the issue, so a private
 * incident's title and summary stay in Muster (its reference, severity and room links go).
 */
export function asShown(incident: PluginIncident): PluginIncident {
  if (!incident.private) return incident;
  const { summary: _hidden, ...rest } = incident;
  return { ...rest, title: 'Private incident' };
}

export default jiraPlugin;
export { jiraConfigSchema, type JiraConfig } from './config';
export { idempotencyLabel } from './issue-fields';
