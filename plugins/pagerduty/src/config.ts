import { alertSourceOptions, z } from '@muster/plugin-sdk';

const severityId = z.string().trim().min(1).max(50);

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const pagerDutyConfigSchema = z.strictObject({
  ...alertSourceOptions,
  severity: z.strictObject({
    priority: z.record(z.string().trim().min(1).max(50), severityId).default({})
      .describe('PagerDuty priority → Muster severity, e.g. { P1: SEV1, P2: SEV2 } (default: P1 the most severe level, P2 the next, and so on)'),
    urgency: z.strictObject({
      high: severityId.optional().describe('Default: the most severe level'),
      low: severityId.optional().describe('Default: the least severe level'),
    }).default({}).describe('The severity of an incident without a priority (or with one not mapped), by urgency'),
  }).default({ priority: {}, urgency: {} }).describe('How a PagerDuty priority or urgency becomes a Muster severity'),
  serviceMap: z.record(z.string().trim().min(1).max(200), z.string().trim().min(1).max(100)).default({})
    .describe('PagerDuty service name → Muster service; a service not listed keeps its PagerDuty name'),
  useServiceName: z.boolean().default(true)
    .describe('Take the incident\'s PagerDuty service as its Muster service (default true)'),
  // Paging and on-call (REST API v2).
  apiUrl: z.url({ protocol: /^https?$/ }).default('https://api.pagerduty.com')
    .describe('The PagerDuty REST API v2 base URL (default https://api.pagerduty.com; https://api.eu.pagerduty.com for the EU service region)'),
  defaultService: z.string().trim().regex(/^[A-Za-z0-9]{1,20}$/, 'must be a PagerDuty service id such as PF9KMXH').optional()
    .describe('The PagerDuty service id to page when the catalogue names none for a service, and to raise person pages on'),
  from: z.email().optional()
    .describe('The email of a PagerDuty user sent as the From header on writes; required by PagerDuty with an account (global) API token'),
});

export type PagerDutyConfig = z.output<typeof pagerDutyConfigSchema>;
