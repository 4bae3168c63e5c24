/** The service catalogue's part of the OpenAPI document (openapi-document.ts merges it in). */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonOf = (schema: string) => ({ content: { 'application/json': { schema: ref(schema) } } });
const error = (description: string) => ({ description, ...jsonOf('Error') });
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, properties, required });

const contact = { type: 'string', description: 'A person key (slack:U0123ABCD, teams:<object id>) or an email address.' };
const runbook = object({ title: { type: 'string' }, url: { type: 'string', format: 'uri' } });
const integrations = { type: 'object', maxProperties: 30, additionalProperties: { type: 'string', minLength: 1, maxLength: 200 }, description: 'What each integration calls the service, by plugin id: pagerduty a service id, opsgenie a schedule or team, jira a project key, statuspage a component id.' };
const nameParam = { name: 'name', in: 'path', required: true, description: 'The service name (letters, digits, ".", "_", "-"); looked up ignoring case.', schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' } };

const READ_ERRORS = { 401: error('No or an unknown token.'), 403: error('The token lacks the scope (read for GET, admin for PUT and DELETE).'), 404: error('No such service in the token\'s tenant.') };
const security = [{ bearer: [] }];

export const SERVICE_SCHEMAS = {
  Service: object({
    name: { type: 'string' }, description: { type: 'string' }, owners: { type: 'array', items: contact }, smes: { type: 'array', items: contact },
    runbooks: { type: 'array', items: runbook }, runbookFile: { type: ['string', 'null'] }, integrations, public: { type: 'boolean' },
    origin: { type: 'string', enum: ['config', 'api'], description: 'config: defined in muster.yaml (change it there); api: made through this API.' },
  }),
  ServiceList: object({ services: { type: 'array', items: ref('Service') } }),
  ServiceRequest: object({
    description: { type: 'string', maxLength: 2000 }, owners: { type: 'array', maxItems: 50, items: contact }, smes: { type: 'array', maxItems: 50, items: contact },
    runbooks: { type: 'array', maxItems: 20, items: { oneOf: [{ type: 'string', format: 'uri' }, runbook] } },
    runbookFile: { type: 'string', maxLength: 500, description: 'A Markdown file relative to muster.yaml\'s directory; no absolute path, no "..".' },
    integrations, public: { type: 'boolean' },
  }, []),
};

export const SERVICE_PATHS = {
  '/api/v1/services': {
    get: { summary: 'The service catalogue of the token\'s tenant, by name.', security, parameters: [], responses: { 200: { description: 'Every service.', ...jsonOf('ServiceList') }, ...READ_ERRORS } },
  },
  '/api/v1/services/{name}': {
    get: { summary: 'One service.', security, parameters: [nameParam], responses: { 200: { description: 'The service.', ...jsonOf('Service') }, ...READ_ERRORS } },
    put: {
      summary: 'Create or replace a service (needs the admin scope); checked like muster.yaml\'s services: entries.', security, parameters: [nameParam],
      requestBody: { required: true, ...jsonOf('ServiceRequest') },
      responses: {
        200: { description: 'Replaced.', ...jsonOf('Service') }, 201: { description: 'Created.', ...jsonOf('Service') }, ...READ_ERRORS,
        400: error('A field is wrong; the message names each.'), 409: error('The service is defined in muster.yaml, or another has the name.'),
        413: error('The body is larger than 64 KiB.'), 415: error('The body is not application/json.'),
      },
    },
    delete: {
      summary: 'Remove a service made through the API (needs the admin scope).', security, parameters: [nameParam],
      responses: { 204: { description: 'Removed.' }, ...READ_ERRORS, 409: error('The service is defined in muster.yaml; remove it there.') },
    },
  },
};
