import { definePlugin } from '@muster/plugin-sdk';
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
        openIncidentTicket: (incident, options) => openIncidentTicket(ctx, api, incident, options),
        openActionItemTicket: (incident, item, options) => openActionItemTicket(ctx, api, incident, item, options),
        syncIncident: (ticket, incident) => syncIncidentTicket(ctx, api, ticket, incident),
        syncActionItem: (ticket, item) => syncActionItemTicket(ctx, api, ticket, item),
        verify: (request) => verifyJiraWebhook(ctx, request),
        ticketEvents: async (request) => ticketEventsOf(ctx.config, request),
      },
    };
  },
});

export default jiraPlugin;
export { jiraConfigSchema, type JiraConfig } from './config';
export { idempotencyLabel } from './issue-fields';
