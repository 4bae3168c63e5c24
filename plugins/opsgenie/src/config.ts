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
});

export type OpsgenieConfig = z.output<typeof opsgenieConfigSchema>;
