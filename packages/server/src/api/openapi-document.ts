import { DASHBOARD_PATHS, DASHBOARD_SCHEMAS, INCIDENT_LIST_QUERY } from './openapi-dashboard';
import { ok, query, read, refParam, write } from './openapi-kit';
import { SCHEMAS } from './openapi-schemas';
import { SERVICE_PATHS, SERVICE_SCHEMAS } from './openapi-services';

/** The OpenAPI 3.1 description of every /api/v1 route, served at GET /api/v1/openapi.json. */

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Muster REST API', version: '1', description: 'Incidents and the service catalogue over HTTP. Every error is a JSON body {error: {code, message}}. Tokens carry scopes: read (GET), write (incident changes), admin (the catalogue).' },
  servers: [{ url: '/' }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `muster tokens create <name>`.' } }, schemas: { ...SCHEMAS, ...SERVICE_SCHEMAS, ...DASHBOARD_SCHEMAS } },
  paths: {
    '/api/v1/incidents': {
      get: read('List incidents, newest first.', ok('200', 'A page of incidents.', 'IncidentList'), [
        query('status', 'Comma-separated statuses.', { type: 'string' }), query('severity', 'Comma-separated severity ids.', { type: 'string' }),
        query('limit', '1 to 200 (default 50).', { type: 'integer', minimum: 1, maximum: 200 }), query('before', 'Page on: the nextBefore of the previous page.', { type: 'integer', minimum: 1 }),
        ...INCIDENT_LIST_QUERY,
      ]),
      post: write('Declare an incident.', 'DeclareRequest', ok('201', 'Declared; `room` says where (or whether) its room opens.', 'DeclaredIncident'), []),
    },
    '/api/v1/incidents/{ref}': { get: read('One incident.', ok('200', 'The incident.', 'Incident')) },
    '/api/v1/incidents/{ref}/timeline': {
      get: read('The timeline, oldest first.', ok('200', 'A page of entries.', 'Timeline'), [
        refParam, query('limit', '1 to 500 (default 100).', { type: 'integer', minimum: 1, maximum: 500 }), query('after', 'Page on: the nextAfter of the previous page.', { type: 'integer', minimum: 0 }),
      ]),
      post: write('Add a note to the timeline.', 'NoteRequest', ok('201', 'The note.', 'TimelineEntry')),
    },
    '/api/v1/incidents/{ref}/transitions': {
      post: write('Move the incident through its lifecycle: acknowledge, mitigate, resolve, reopen, decline, postmortem (start its postmortem stage), close.', 'TransitionRequest', ok('200', 'The incident after the change.', 'Incident')),
    },
    '/api/v1/incidents/{ref}/severity': { put: write('Change the severity.', 'SeverityRequest', ok('200', 'The incident after the change.', 'Incident')) },
    '/api/v1/incidents/{ref}/roles/{role}': {
      put: write('Give a role (commander, comms, …) to a person.', 'RoleRequest', ok('200', 'The incident after the change.', 'Incident'), [
        refParam, { name: 'role', in: 'path', required: true, description: 'A role id or alias.', schema: { type: 'string' } },
      ]),
    },
    '/api/v1/incidents/{ref}/action-items': {
      get: read('The follow-up action items.', ok('200', 'Every item, oldest first.', 'ActionItemList')),
      post: write('Add an action item, optionally with an owner.', 'ActionItemRequest', ok('201', 'The item.', 'ActionItem')),
    },
    '/api/v1/incidents/{ref}/action-items/{itemId}': {
      patch: write('Complete ({"state": "done"}) or reassign ({"owner": …}) an action item.', 'ActionItemPatch', ok('200', 'The item after the change.', 'ActionItem'), [
        refParam, { name: 'itemId', in: 'path', required: true, schema: { type: 'string' } },
      ]),
    },
    ...DASHBOARD_PATHS,
    ...SERVICE_PATHS,
    '/api/v1/openapi.json': { get: { summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } } } } },
  },
};
