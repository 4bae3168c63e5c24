import type { HttpMethod } from '@muster/server';

/**
 * The routes a Muster server registers (packages/server/src/api/*-routes.ts, the webhook route, and
 * the routes the Slack and Teams adapters mount), so both routers are measured on the real table,
 * not on a toy one. Add a route here when the server gains one.
 */
export const SERVER_ROUTES: readonly { readonly method: HttpMethod; readonly pattern: string }[] = [
  { method: 'GET', pattern: '/healthz' },
  { method: 'GET', pattern: '/readyz' },
  { method: 'GET', pattern: '/metrics' },
  { method: 'GET', pattern: '/api/v1/openapi.json' },
  { method: 'GET', pattern: '/api/v1/incidents' },
  { method: 'POST', pattern: '/api/v1/incidents' },
  { method: 'GET', pattern: '/api/v1/incidents/:ref' },
  { method: 'GET', pattern: '/api/v1/incidents/:ref/timeline' },
  { method: 'POST', pattern: '/api/v1/incidents/:ref/timeline' },
  { method: 'GET', pattern: '/api/v1/incidents/:ref/postmortem' },
  { method: 'POST', pattern: '/api/v1/incidents/:ref/transitions' },
  { method: 'PUT', pattern: '/api/v1/incidents/:ref/severity' },
  { method: 'PUT', pattern: '/api/v1/incidents/:ref/roles/:role' },
  { method: 'GET', pattern: '/api/v1/incidents/:ref/action-items' },
  { method: 'POST', pattern: '/api/v1/incidents/:ref/action-items' },
  { method: 'PATCH', pattern: '/api/v1/incidents/:ref/action-items/:itemId' },
  { method: 'GET', pattern: '/api/v1/incidents/:ref/status-updates' },
  { method: 'POST', pattern: '/webhooks/:pluginId' },
  { method: 'POST', pattern: '/slack/events' },
  { method: 'GET', pattern: '/slack/install' },
  { method: 'GET', pattern: '/slack/oauth_redirect' },
  { method: 'POST', pattern: '/api/messages' },
];

/** The hot paths: every Slack event, every alert webhook, and the API's most frequent read. */
export const HOT_PATHS: readonly { readonly name: string; readonly method: HttpMethod; readonly path: string; readonly pattern: string }[] = [
  { name: 'slack_events', method: 'POST', path: '/slack/events', pattern: '/slack/events' },
  { name: 'webhook', method: 'POST', path: '/webhooks/alertmanager', pattern: '/webhooks/:pluginId' },
  { name: 'api_incident', method: 'GET', path: '/api/v1/incidents/INC-42', pattern: '/api/v1/incidents/:ref' },
];
