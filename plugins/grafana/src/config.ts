import { alertmanagerStyleOptions, alertSourceOptions, z } from '@muster/plugin-sdk';

/**
 * `plugins.grafana.config` in muster.yaml (or the install form in chat, which shows the
 * descriptions). Strict: a misspelt key is refused with its name rather than silently ignored.
 */
export const configSchema = z.strictObject({ ...alertSourceOptions, ...alertmanagerStyleOptions });

export type GrafanaConfig = z.output<typeof configSchema>;
