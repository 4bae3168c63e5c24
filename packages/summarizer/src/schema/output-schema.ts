import type { SummaryKind } from '@muster/core';

/** One string field the model must return. Every field is a string: the simplest thing all servers get right. */
export interface FieldSpec {
  readonly name: string;
  readonly description: string;
  readonly maxChars: number;
  /** An empty string is a valid answer ("no open questions"). */
  readonly allowEmpty?: boolean;
}

export interface OutputSchema {
  readonly name: string;
  readonly fields: readonly FieldSpec[];
}

export interface SchemaLimits {
  /** Character limit of the rolling facts (about four characters per token). */
  readonly factsMaxChars: number;
}

/** What the model sends back alongside every product: the updated "facts so far" for the next summary. */
const factsField = (limits: SchemaLimits): FieldSpec => ({
  name: 'facts',
  description: 'Updated neutral record of the incident so far, for the next summary: timeline of key events with times, decisions, current state, who holds which role and is doing what (by handle), open questions. Keep person handles as they are.',
  maxChars: limits.factsMaxChars,
});

export function notesSchema(limits: SchemaLimits): OutputSchema {
  return { name: 'notes', fields: [factsField(limits)] };
}

/** Products, with limits that fit where they go: a Slack text block holds 3,000 characters; an update at most 3,000. */
export function productSchema(kind: SummaryKind, limits: SchemaLimits, withFacts: boolean): OutputSchema {
  const facts = withFacts ? [factsField(limits)] : [];
  switch (kind) {
    case 'catch_up':
      return {
        name: 'catch_up',
        fields: [
          { name: 'what_happened', description: 'What happened so far, oldest first, with times (UTC).', maxChars: 1200 },
          { name: 'current_status', description: 'Where things stand now: status, impact, latest findings.', maxChars: 600 },
          { name: 'who_is_doing_what', description: 'Who holds which role and who is working on what.', maxChars: 600 },
          { name: 'open_questions', description: 'Questions still unanswered; empty string if none.', maxChars: 500, allowEmpty: true },
          ...facts,
        ],
      };
    case 'status_update':
      return {
        name: 'status_update',
        fields: [{ name: 'body', description: 'The stakeholder update, ready to publish after approval.', maxChars: 2000 }, ...facts],
      };
    case 'postmortem_narrative':
      return {
        name: 'postmortem_narrative',
        fields: [
          { name: 'summary', description: 'What happened and how it ended, in a short paragraph.', maxChars: 2500 },
          { name: 'impact', description: 'Who and what was affected, for how long.', maxChars: 2500 },
          { name: 'contributing_factors', description: 'Causes and conditions that contributed; blameless.', maxChars: 2500 },
          { name: 'went_well', description: 'What helped the response.', maxChars: 2500, allowEmpty: true },
          { name: 'went_badly', description: 'What slowed or hurt the response.', maxChars: 2500, allowEmpty: true },
          { name: 'suggested_actions', description: 'Concrete follow-up actions, one per line.', maxChars: 2500, allowEmpty: true },
          ...facts,
        ],
      };
  }
}

/** The JSON Schema text put in the prompt: servers vary in `json_schema` support, every model reads one. */
export function describeSchema(schema: OutputSchema): string {
  return JSON.stringify({
    type: 'object',
    additionalProperties: false,
    required: schema.fields.map((f) => f.name),
    properties: Object.fromEntries(schema.fields.map((f) => [f.name, { type: 'string', maxLength: f.maxChars, description: f.description }])),
  });
}

/**
 * The schema for `response_format: { type: 'json_schema', strict: true }`, in the subset strict mode
 * accepts: every property required, `additionalProperties: false`, and no length keywords (OpenAI
 * refuses `maxLength` in strict mode), so each limit is stated in the description instead and
 * `validateOutput` still enforces it.
 */
export function wireSchema(schema: OutputSchema): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: schema.fields.map((f) => f.name),
    properties: Object.fromEntries(schema.fields.map((f) => [f.name, { type: 'string', description: `${f.description} At most ${f.maxChars} characters.` }])),
  };
}
