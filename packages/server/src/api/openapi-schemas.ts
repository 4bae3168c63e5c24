/** JSON Schemas (OpenAPI 3.1 = JSON Schema 2020-12) of the REST shapes built in api-json.ts. */

const str = { type: 'string' } as const;
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const time = { type: ['string', 'null'], format: 'date-time' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', additionalProperties: false, properties, required });

const person = object({ platform: { type: 'string', enum: ['slack', 'teams', 'console', 'api', 'webhook'] }, id: str, name: { type: ['string', 'null'] } });
const personInput = object({ platform: { type: 'string', enum: ['slack', 'teams', 'console'] }, id: { type: 'string', minLength: 1, maxLength: 191 }, name: { type: 'string', maxLength: 200 } }, ['platform', 'id']);
const statuses = ['triage', 'investigating', 'mitigated', 'resolved', 'postmortem', 'closed', 'declined'];

function incidentProperties(): Record<string, unknown> {
  return {
    reference: { type: 'string', pattern: '^INC-\\d+$' }, number: { type: 'integer' }, title: str, summary: { type: ['string', 'null'] },
    severity: str, status: { type: 'string', enum: statuses }, private: { type: 'boolean' }, services: { type: 'array', items: str },
    roles: { type: 'array', items: object({ role: str, person: ref('Person'), assignedAt: time }) },
    milestones: { type: 'object', additionalProperties: time },
    durations: object({ timeToAcknowledge: { type: ['integer', 'null'] }, timeToMitigate: { type: ['integer', 'null'] }, timeToResolve: { type: ['integer', 'null'] }, declarationDelay: { type: ['integer', 'null'] } }),
    links: object({
      rooms: { type: 'array', items: object({ platform: str, workspaceId: str, conversationId: str, name: { type: ['string', 'null'] }, url: { type: ['string', 'null'] } }) },
      external: { type: 'array', items: object({ kind: str, title: str, url: str }) },
    }),
    declaredBy: ref('Person'), source: str, createdAt: time, updatedAt: time, version: { type: 'integer' },
  };
}

export const SCHEMAS = {
  Error: object({ error: object({ code: { type: 'string', description: 'Stable: clients switch on it.' }, message: { type: 'string', description: 'What went wrong and what to do next.' } }) }),
  Person: person,
  PersonInput: personInput,
  Incident: object(incidentProperties()),
  RoomPlan: object({ willOpen: { type: 'boolean' }, platform: { type: ['string', 'null'] }, workspaceId: { type: ['string', 'null'] }, reason: str }),
  DeclaredIncident: object({ ...incidentProperties(), room: ref('RoomPlan') }),
  IncidentList: object({ incidents: { type: 'array', items: ref('Incident') }, nextBefore: { type: ['integer', 'null'] } }),
  TimelineEntry: object({
    position: { type: ['integer', 'null'] }, kind: str, occurredAt: time, recordedAt: time, actor: nullable(ref('Person')), source: str,
    text: str, highlighted: { type: 'boolean' }, edited: { type: 'boolean' }, deletedAt: time,
  }),
  Timeline: object({ reference: str, entries: { type: 'array', items: ref('TimelineEntry') }, nextAfter: { type: ['integer', 'null'] } }),
  ActionItem: object({
    id: str, text: str, state: { type: 'string', enum: ['open', 'done', 'cancelled'] }, owner: nullable(ref('Person')), createdBy: ref('Person'),
    createdAt: time, updatedAt: time, ticket: nullable(object({ title: str, url: str })), dueAt: nullable(time),
  }),
  ActionItemList: object({ reference: str, actionItems: { type: 'array', items: ref('ActionItem') } }),
  StatusUpdate: object({
    id: str, audience: { type: 'string', enum: ['internal', 'external'] }, state: { type: 'string', enum: ['draft', 'pending_approval', 'approved', 'published', 'rejected'] },
    body: str, author: object({ kind: { type: 'string', enum: ['person', 'ai'] }, person: ref('Person'), model: { type: ['string', 'null'] } }),
    createdAt: time, updatedAt: time, decidedBy: nullable(ref('Person')), decidedAt: time, rejectionReason: { type: ['string', 'null'] },
    publishedAt: time, publishedTo: { type: 'array', items: object({ kind: str, name: str, url: { type: ['string', 'null'] } }) },
    version: { type: 'integer', minimum: 0, description: 'Named by an edit or an approval.' },
  }),
  StatusUpdateList: object({ reference: str, statusUpdates: { type: 'array', items: ref('StatusUpdate') } }),
  DeclareRequest: object({
    title: { type: 'string', minLength: 1 }, severity: { type: 'string', description: 'A configured severity id, e.g. SEV2; defaults to the default severity.' },
    services: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 100 } }, summary: { type: 'string', maxLength: 4000 }, private: { type: 'boolean' },
  }, ['title']),
  NoteRequest: object({ text: { type: 'string', minLength: 1, maxLength: 4000 } }),
  TransitionRequest: object({ action: { type: 'string', enum: ['acknowledge', 'mitigate', 'resolve', 'reopen', 'decline', 'postmortem', 'close'] }, reason: { type: 'string', maxLength: 500 } }, ['action']),
  SeverityRequest: object({ severity: str }),
  RoleRequest: object({ person: ref('PersonInput') }),
  ActionItemRequest: object({ text: { type: 'string', minLength: 1, maxLength: 500 }, owner: nullable(ref('PersonInput')), dueAt: nullable(time) }, ['text']),
  ActionItemPatch: { ...object({ state: { type: 'string', enum: ['done'] }, owner: nullable(ref('PersonInput')), dueAt: nullable(time) }, []), minProperties: 1 },
};
