import { MAX_SECTION_LENGTH, MAX_UPDATE_LENGTH, NARRATIVE_SECTIONS } from '@muster/core';
import { error, object, ok, query, read, ref, refParam, write } from './openapi-kit';

/**
 * The part of the OpenAPI document for what the dashboard does too: the incident list's filters, status
 * update drafts and approval, postmortem sections and review (openapi-document.ts merges it in).
 */

const updateIdParam = { name: 'updateId', in: 'path', required: true, description: 'A status update id from GET …/status-updates.', schema: { type: 'string' } };
const sectionKeys = NARRATIVE_SECTIONS.map((s) => s.key);
const sectionParam = { name: 'key', in: 'path', required: true, description: 'The section to edit.', schema: { type: 'string', enum: sectionKeys } };
const version = { type: 'integer', minimum: 0, description: 'The `version` of the draft as you read it.' };
const time = { type: ['string', 'null'], format: 'date-time' } as const;
const instant = { type: 'string', description: 'An ISO 8601 date (midnight UTC) or date-time with a zone.', examples: ['2026-12-01', '2026-12-01T09:30:00Z'] };

export const INCIDENT_LIST_QUERY = [
  query('declaredFrom', 'Only incidents declared at or after this time.', instant),
  query('declaredBefore', 'Only incidents declared before this time (after declaredFrom).', instant),
  query('service', 'Only incidents affecting this service (ignoring case).', { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' }),
  query('q', 'Words that must all appear in the reference, title or summary (ignoring case).', { type: 'string', maxLength: 200 }),
];

const STALE_DRAFT = { 409: error('The draft changed after the version named (read it again and send its version), or it is no longer a draft.') };

export const DASHBOARD_SCHEMAS = {
  StatusUpdateRequest: object({
    audience: { type: 'string', enum: ['internal', 'external'], default: 'internal' },
    body: { type: 'string', minLength: 1, maxLength: MAX_UPDATE_LENGTH, description: 'The update, written by hand. Leave it out to ask for an AI draft, which needs the incident to have a chat room.' },
  }, []),
  DraftRequested: object({ reference: { type: 'string' }, audience: { type: 'string', enum: ['internal', 'external'] }, state: { type: 'string', enum: ['requested'] }, message: { type: 'string' } }),
  StatusUpdateEdit: object({ body: { type: 'string', minLength: 1, maxLength: MAX_UPDATE_LENGTH }, version }),
  StatusUpdateApproval: object({ version }),
  StatusUpdateRejection: object({ reason: { type: ['string', 'null'], maxLength: 500 } }, []),
  PostmortemSection: object({
    key: { type: 'string', enum: sectionKeys }, title: { type: 'string' }, body: { type: 'string' },
    origin: { type: 'string', enum: ['human', 'ai', 'extractive', 'empty'], description: 'ai: an AI draft nobody has edited yet; extractive: built from the timeline without a model.' },
    revision: { type: 'integer', minimum: 0, description: 'Counts changes; an edit names the revision it started from.' }, editedBy: { oneOf: [ref('Person'), { type: 'null' }] },
  }),
  Postmortem: object({
    reference: { type: 'string' }, state: { type: 'string', enum: ['draft', 'in_review', 'published'], description: 'published: marked reviewed.' },
    sections: { type: 'array', items: ref('PostmortemSection') }, updatedAt: time,
  }),
  SectionEdit: object({
    body: { type: 'string', maxLength: MAX_SECTION_LENGTH, description: 'The new text; an empty text clears the section.' },
    revision: { type: 'integer', minimum: 0, description: 'The `revision` of the section you started from.' },
  }),
  Empty: object({}),
  Metrics: {
    type: 'object',
    description: 'The metrics page\'s numbers (GET /metrics/incidents on the dashboard): durations in milliseconds, weeks named by their Monday (UTC), oldest first.',
    properties: {
      weeks: { type: 'array', items: { type: 'string', format: 'date' } }, from: { type: 'string', format: 'date-time' }, until: { type: 'string', format: 'date-time' },
      severities: { type: 'array', items: { type: 'string' } },
      perWeek: { type: 'array', items: { type: 'object', description: '{ week, bySeverity: { SEV1: n, … }, total }' } },
      durations: { type: 'object', description: '{ perWeek: [{ week, acknowledge, mitigate, resolve }], overall: { acknowledge, mitigate, resolve } }; each { count, median, p90 } in milliseconds (nearest rank; absent without incidents).' },
      services: { type: 'array', items: { type: 'object', description: '{ service, incidents, resolved, totalResolveMs }: the ten most affected.' } },
      actionItems: { type: 'object', description: '{ perWeek: [{ week, open, done, cancelled, completionRate }], overall: { open, done, cancelled, completionRate } }.' },
    },
    required: ['weeks', 'from', 'until', 'severities', 'perWeek', 'durations', 'services', 'actionItems'],
  },
};

export const DASHBOARD_PATHS = {
  '/api/v1/metrics': {
    get: read('Incident metrics over the last weeks: incidents per week by severity, time to acknowledge / mitigate / resolve, top services, follow-up completion. Private incidents count for their participants and admins only.',
      ok('200', 'The metrics.', 'Metrics'), [query('weeks', 'How many weeks, ending with this one.', { type: 'integer', minimum: 4, maximum: 52, default: 12 })]),
  },
  '/api/v1/incidents/{ref}/status-updates': {
    get: read('The stakeholder status updates, drafts included, oldest first.', ok('200', 'Every update.', 'StatusUpdateList')),
    post: write('Write a status update (with "body"), or ask for an AI draft (without); either awaits approval.', 'StatusUpdateRequest', {
      ...ok('201', 'The draft, awaiting approval.', 'StatusUpdate'), ...ok('202', 'An AI draft is being written; it appears in the list.', 'DraftRequested'),
    }, [refParam], { 409: error('An AI draft was asked for and the incident has no chat room to put it up for approval in.') }),
  },
  '/api/v1/incidents/{ref}/status-updates/{updateId}': {
    get: read('One status update, with the version an edit or approval names.', ok('200', 'The update.', 'StatusUpdate'), [refParam, updateIdParam]),
    patch: write('Edit a draft\'s text, naming the version you read.', 'StatusUpdateEdit', ok('200', 'The draft after the edit (its version moved on).', 'StatusUpdate'), [refParam, updateIdParam], STALE_DRAFT),
  },
  '/api/v1/incidents/{ref}/status-updates/{updateId}/approval': {
    post: write('Approve the version you read; only that version is published.', 'StatusUpdateApproval', ok('200', 'Approved; publishing follows.', 'StatusUpdate'), [refParam, updateIdParam], STALE_DRAFT),
  },
  '/api/v1/incidents/{ref}/status-updates/{updateId}/rejection': {
    post: write('Reject a draft, with an optional reason (on the timeline).', 'StatusUpdateRejection', ok('200', 'Rejected.', 'StatusUpdate'), [refParam, updateIdParam], {
      409: error('The update was already approved, published or rejected.'),
    }),
  },
  '/api/v1/incidents/{ref}/postmortem': {
    get: read('The postmortem: Markdown by default, its sections as JSON with "Accept: application/json".', {
      200: {
        description: 'The document.',
        content: { 'text/markdown': { schema: { type: 'string' } }, 'application/json': { schema: ref('Postmortem') } },
      },
    }),
  },
  '/api/v1/incidents/{ref}/postmortem/sections/{key}': {
    put: write('Replace one section\'s text, naming the revision you started from.', 'SectionEdit', ok('200', 'The postmortem after the edit.', 'Postmortem'), [refParam, sectionParam], {
      400: error('A field is wrong, or the text is longer than the limit.'), 404: error('No such incident, or no such section.'),
      409: error('The section changed after the revision named (someone else edited it); GET the postmortem as JSON and send your change again.'),
    }),
  },
  '/api/v1/incidents/{ref}/postmortem/review': {
    post: write('Mark the postmortem reviewed (the incident must be in its postmortem stage); then close the incident.', 'Empty', ok('200', 'The postmortem, now published.', 'Postmortem'), [refParam], {
      409: error('The incident is not in its postmortem stage, or its postmortem was already marked reviewed.'),
    }),
  },
};
