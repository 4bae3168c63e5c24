import { z } from '@muster/plugin-sdk';

/** The component states Statuspage documents; `operational` is where `resolve` puts them back. */
export const COMPONENT_STATUSES = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
/** The states of a realtime (not scheduled) Statuspage incident before it is resolved. */
export const OPEN_INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring'] as const;

const componentStatus = z.enum(COMPONENT_STATUSES);
const incidentStatus = z.enum(OPEN_INCIDENT_STATUSES);
const name = z.string().trim().min(1).max(200);

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const statuspageConfigSchema = z.strictObject({
  apiUrl: z.url({ protocol: /^https?$/ }).default('https://api.statuspage.io/v1')
    .describe('Statuspage REST API base URL (default https://api.statuspage.io/v1); a proxy or a test server may stand in'),
  pageId: z.string().trim().regex(/^[A-Za-z0-9]{1,40}$/, 'is a Statuspage page id (letters and digits)')
    .describe('The page id, shown in the page\'s API info (Manage account → API info) and in its URL'),
  componentStatus: z.record(name, componentStatus).default({ SEV1: 'major_outage', SEV2: 'partial_outage', SEV3: 'degraded_performance' })
    .describe('Muster severity → component status for the affected services\' components; a severity not listed gives degraded_performance'),
  components: z.record(name, z.string().trim().regex(/^[A-Za-z0-9]{1,40}$/, 'is a Statuspage component id')).default({})
    .describe('Muster service → Statuspage component id, for services without `integrations.statuspage` in the catalogue (the catalogue wins)'),
  incidentStatus: z.strictObject({
    first: incidentStatus.default('investigating').describe('Statuspage status of the first published update (default investigating)'),
    later: z.record(name, incidentStatus).default({ triage: 'investigating', investigating: 'investigating', mitigated: 'monitoring', resolved: 'monitoring' })
      .describe('Muster status → Statuspage status of later updates (default investigating→investigating, mitigated→monitoring); a status not listed gives identified'),
  }).default({ first: 'investigating', later: { triage: 'investigating', investigating: 'investigating', mitigated: 'monitoring', resolved: 'monitoring' } })
    .describe('Which Statuspage incident status each published update sets'),
  resolvedBody: z.string().trim().min(1).max(2000).default('This incident has been resolved.')
    .describe('The text of the last public update, posted when Muster\'s incident resolves'),
  deliverNotifications: z.boolean().default(true)
    .describe('Let Statuspage notify the page\'s subscribers of each update (default true)'),
});

export type StatuspageConfig = z.output<typeof statuspageConfigSchema>;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];
export type OpenIncidentStatus = (typeof OPEN_INCIDENT_STATUSES)[number];
