import { alertSourceOptions, z } from '@muster/plugin-sdk';

const labelName = z.string().trim().min(1).max(100);

/**
 * `plugins.grafana.config` in muster.yaml (or the install form in chat, which shows the
 * descriptions). Strict: a misspelt key is refused with its name rather than silently ignored.
 */
export const configSchema = z.strictObject({
  ...alertSourceOptions,
  severity: z.strictObject({
    label: labelName.default('severity').describe('The alert label that carries the severity (default: severity)'),
    map: z.record(z.string(), z.string()).optional()
      .describe('Label value to Muster severity id, e.g. critical: SEV1, warning: SEV3. Without a map: critical is the most severe level, warning the next, info the least'),
  }).prefault({}).describe('How an alert label becomes the incident severity, as JSON: {"label": "severity", "map": {"critical": "SEV1", "warning": "SEV3"}}. Default: the severity label, critical the most severe level, warning the next, info the least'),
  service: z.strictObject({
    label: labelName.default('service').describe('The alert label that names the affected service (default: service)'),
  }).prefault({}).describe('Which alert label names the affected services, as JSON: {"label": "service"} (the default)'),
});

export type GrafanaConfig = z.output<typeof configSchema>;
