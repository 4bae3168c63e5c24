import { SCHEMAS } from './openapi-schemas';
import { SERVICE_PATHS, SERVICE_SCHEMAS } from './openapi-services';

/** The OpenAPI 3.1 description of every /api/v1 route, served at GET /api/v1/openapi.json. */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonOf = (schema: string) => ({ content: { 'application/json': { schema: ref(schema) } } });
const error = (description: string) => ({ description, ...jsonOf('Error') });
const ok = (status: string, description: string, schema: string) => ({ [status]: { description, ...jsonOf(schema) } });
const refParam = { name: 'ref', in: 'path', required: true, description: 'Incident reference, e.g. INC-42 (case-insensitive).', schema: { type: 'string' } };
const keyHeader = {
  name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  description: 'Retry-safe writes: the same key with the same request replays the first answer (header Idempotent-Replayed: true); the same key with a different request is refused with 422. Keys are scoped by token.',
};
const READ_ERRORS = { 400: error('A malformed reference or query parameter.'), 401: error('No or an unknown token.'), 403: error('Not permitted.'), 404: error('No such incident.') };
const WRITE_ERRORS = {
  ...READ_ERRORS, 409: error('The incident changed meanwhile, or the change does not apply in its current state; GET it and retry.'),
  413: error('The body is larger than 64 KiB.'), 415: error('The body is not application/json.'), 422: error('The Idempotency-Key was used before with a different request.'),
};

const read = (summary: string, responses: object, parameters: object[] = [refParam]) => ({ summary, security: [{ bearer: [] }], parameters, responses: { ...responses, ...READ_ERRORS } });
const write = (summary: string, body: string, responses: object, parameters: object[] = [refParam]) => ({
  summary, security: [{ bearer: [] }], parameters: [...parameters, keyHeader], requestBody: { required: true, ...jsonOf(body) }, responses: { ...responses, ...WRITE_ERRORS },
});
const query = (name: string, description: string, schema: object) => ({ name, in: 'query', required: false, description, schema });

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Muster REST API', version: '1', description: 'Incidents and the service catalogue over HTTP. Every error is a JSON body {error: {code, message}}. Tokens carry scopes: read (GET), write (incident changes), admin (the catalogue).' },
  servers: [{ url: '/' }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from `muster tokens create <name>`.' } }, schemas: { ...SCHEMAS, ...SERVICE_SCHEMAS } },
  paths: {
    '/api/v1/incidents': {
      get: read('List incidents, newest first.', ok('200', 'A page of incidents.', 'IncidentList'), [
        query('status', 'Comma-separated statuses.', { type: 'string' }), query('severity', 'Comma-separated severity ids.', { type: 'string' }),
        query('limit', '1 to 200 (default 50).', { type: 'integer', minimum: 1, maximum: 200 }), query('before', 'Page on: the nextBefore of the previous page.', { type: 'integer', minimum: 1 }),
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
    '/api/v1/incidents/{ref}/postmortem': {
      get: read('The postmortem as Markdown.', { 200: { description: 'The document.', content: { 'text/markdown': { schema: { type: 'string' } } } } }),
    },
    '/api/v1/incidents/{ref}/transitions': {
      post: write('Move the incident through its lifecycle: acknowledge, mitigate, resolve, reopen, decline, close.', 'TransitionRequest', ok('200', 'The incident after the change.', 'Incident')),
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
    '/api/v1/incidents/{ref}/status-updates': { get: read('The stakeholder status updates, drafts included.', ok('200', 'Every update.', 'StatusUpdateList')) },
    ...SERVICE_PATHS,
    '/api/v1/openapi.json': { get: { summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } } } } },
  },
};
