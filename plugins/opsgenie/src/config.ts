import { alertSourceOptions, z } from '@muster/plugin-sdk';

const severityId = z.string().trim().min(1).max(50);

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const opsgenieConfigSchema = z.strictObject({
  ...alertSourceOptions,
  severity: z.strictObject({
    priority: z.partialRecord(z.enum(['P1', 'P2', 'P3', 'P4', 'P5']), severityId).default({})
      .describe('Opsgenie priority → Muster severity, e.g. { P1: SEV1, P2: SEV2 } (default: P1 the most severe level, P2 the next, and so on)'),
  }).default({ priority: {} }).describe('How an Opsgenie priority becomes a Muster severity'),
  servicePrefix: z.string().trim().min(1).max(50).default('service:')
    .describe('Alert tags starting with this name the affected services: service:checkout → checkout (default service:)'),
  appUrl: z.url({ protocol: /^https$/ }).default('https://app.opsgenie.com')
    .describe('Your Opsgenie web address, e.g. https://acme.app.opsgenie.com or https://app.eu.opsgenie.com: incidents link to the alert there'),
  tokenHeader: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name (letters, digits, -)')
    .refine((name) => name.toLowerCase() !== 'authorization', 'Authorization is read as Bearer or Basic: name another header')
    .default('X-Muster-Token')
    .describe('The custom header carrying TOKEN, when the integration does not send Authorization: Bearer (default X-Muster-Token)'),
  // Paging and on-call (Alert API, Who-is-on-call API).
  apiUrl: z.url({ protocol: /^https?$/ }).default('https://api.opsgenie.com')
    .describe('The Opsgenie REST API base URL (default https://api.opsgenie.com; https://api.eu.opsgenie.com for the EU instance)'),
  responderType: z.enum(['schedule', 'team']).default('schedule')
    .describe('What a service\'s integrations.opsgenie names: a schedule (default) or a team'),
  teamScheduleSuffix: z.string().max(50).default('_schedule')
    .describe('With responderType team: who is on call is read from the schedule named <team><suffix>, Opsgenie\'s name for a team\'s schedule (default _schedule)'),
  defaultResponder: z.string().trim().min(1).max(100).optional()
    .describe('The schedule or team paged for a service the catalogue names none for (default: the service\'s own name)'),
  priority: z.strictObject({
    high: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).default('P1').describe('Default P1'),
    low: z.enum(['P1', 'P2', 'P3', 'P4', 'P5']).default('P3').describe('Default P3'),
  }).default({ high: 'P1', low: 'P3' }).describe('The priority of the alerts Muster raises, by the page\'s urgency'),
  requestPolls: z.number().int().min(0).max(10).default(5)
    .describe('Opsgenie creates alerts asynchronously: how many times to ask for the result of a create before linking the alert by its alias only (default 5)'),
  pollIntervalMs: z.number().int().min(50).max(2000).default(400)
    .describe('The wait between those asks, in milliseconds (default 400)'),
});

export type OpsgenieConfig = z.output<typeof opsgenieConfigSchema>;
