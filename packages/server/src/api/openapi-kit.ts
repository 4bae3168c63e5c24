/** Building blocks of the OpenAPI document: references, parameters, operations with their error answers. */

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const jsonOf = (schema: string) => ({ content: { 'application/json': { schema: ref(schema) } } });
export const error = (description: string) => ({ description, ...jsonOf('Error') });
export const ok = (status: string, description: string, schema: string) => ({ [status]: { description, ...jsonOf(schema) } });
export const refParam = { name: 'ref', in: 'path', required: true, description: 'Incident reference, e.g. INC-42 (case-insensitive).', schema: { type: 'string' } };
export const keyHeader = {
  name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
  description: 'Retry-safe writes: the same key with the same request replays the first answer (header Idempotent-Replayed: true); the same key with a different request is refused with 422. Keys are scoped by token.',
};
export const READ_ERRORS = { 400: error('A malformed reference or query parameter.'), 401: error('No or an unknown token.'), 403: error('Not permitted.'), 404: error('No such incident.') };
export const WRITE_ERRORS = {
  ...READ_ERRORS, 403: error('The token lacks the write scope (insufficient_scope), or the change is not permitted.'), 409: error('The incident changed meanwhile, or the change does not apply in its current state; GET it and retry.'),
  413: error('The body is larger than 64 KiB.'), 415: error('The body is not application/json.'), 422: error('The Idempotency-Key was used before with a different request.'),
};

export const read = (summary: string, responses: object, parameters: object[] = [refParam]) => ({ summary, security: [{ bearer: [] }], parameters, responses: { ...responses, ...READ_ERRORS } });
/** A write: its body schema, answers, path parameters, and `errors` that say more than the general ones. */
export const write = (summary: string, body: string, responses: object, parameters: object[] = [refParam], errors: object = {}) => ({
  summary, security: [{ bearer: [] }], parameters: [...parameters, keyHeader], requestBody: { required: true, ...jsonOf(body) }, responses: { ...responses, ...WRITE_ERRORS, ...errors },
});
export const query = (name: string, description: string, schema: object) => ({ name, in: 'query', required: false, description, schema });

export const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, properties, required });
