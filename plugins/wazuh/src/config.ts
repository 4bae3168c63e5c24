import { alertSourceOptions, z } from '@muster/plugin-sdk';

/** The alert fields an installation may group by; together they name "the same problem". */
export const GROUP_FIELDS = ['rule.id', 'agent.id', 'agent.name', 'manager.name', 'location', 'data.srcip'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

const level = z.number().int().min(0).max(16);

// Strict objects: a misspelt key in muster.yaml is an error that names it, not a setting silently ignored.
export const wazuhConfigSchema = z.strictObject({
  ...alertSourceOptions,
  minimumLevel: level.default(10)
    .describe('Alerts whose rule level is below this are ignored (Wazuh levels 0 to 16; default 10, so a level-3 file-integrity event pages nobody)'),
  severity: z.strictObject({
    thresholds: z.array(z.strictObject({
      level: level.describe('The lowest rule level that gets this severity'),
      severity: z.string().min(1).describe('A Muster severity id, e.g. SEV1'),
    })).min(1).optional()
      .describe('Rule level thresholds, any order: an alert gets the severity of the highest threshold it reaches (default: level 12 and up the most severe level, 8 and up the next)'),
    otherwise: z.string().min(1).optional()
      .describe('The severity of an alert below every threshold (default: the least severe level)'),
  }).default({}).describe('How a rule level becomes a Muster severity'),
  groupBy: z.array(z.enum(GROUP_FIELDS)).min(1).default(['rule.id', 'agent.id'])
    .describe(`Alert fields that together name one incident: alerts with the same values are noted on the open incident (any of ${GROUP_FIELDS.join(', ')}; default rule.id and agent.id)`),
  services: z.array(z.string().trim().min(1).max(100)).max(20).default([])
    .describe('Muster services every Wazuh incident affects, e.g. [security]'),
  serviceFrom: z.enum(['none', 'agent.name', 'manager.name']).default('none')
    .describe('Also take a service from the alert: the agent name, the manager name, or none (default)'),
  dashboardUrl: z.url({ protocol: /^https?$/ }).optional()
    .describe('Your Wazuh dashboard, e.g. https://wazuh.example.com: the incident links back to it'),
});

export type WazuhConfig = z.output<typeof wazuhConfigSchema>;
