import { z } from 'zod';
import type { PluginContext } from '../plugin-context';
import { configuredSeverities, severitiesByPosition } from '../severity';
import type { AlertmanagerStyleSettings } from './alertmanager-style';

const labelName = z.string().trim().min(1).max(100);

/**
 * Settings every Alertmanager-style source shares (which labels carry the severity and the service);
 * spread them into the plugin's strict `configSchema` next to `alertSourceOptions`. The descriptions
 * are what the install form in chat shows.
 */
export const alertmanagerStyleOptions = {
  severity: z.strictObject({
    label: labelName.default('severity').describe('The alert label that carries the severity (default: severity)'),
    map: z.record(z.string(), z.string()).optional()
      .describe('Label value to Muster severity id, e.g. critical: SEV1, warning: SEV3. Without a map: critical is the most severe level, warning the next, info the least'),
  }).prefault({}).describe('How an alert label becomes the incident severity, as JSON: {"label": "severity", "map": {"critical": "SEV1", "warning": "SEV3"}}. Default: the severity label, critical the most severe level, warning the next, info the least'),
  service: z.strictObject({
    label: labelName.default('service').describe('The alert label that names the affected service (default: service)'),
  }).prefault({}).describe('Which alert label names the affected services, as JSON: {"label": "service"} (the default)'),
};

export interface AlertmanagerStyleOptions {
  readonly severity: { readonly label: string; readonly map?: Readonly<Record<string, string>> };
  readonly service: { readonly label: string };
}

/** The conventional `severity` label values of Prometheus rules, by position: critical the most severe level, warning the next, info the least. */
export const PROMETHEUS_SEVERITIES = { critical: 0, warning: 1, info: -1 };

/**
 * An installation's `AlertmanagerStyleSettings`: its labels, and its map (or the Prometheus
 * defaults), warning once at activation about map targets the installation lacks.
 */
export function alertmanagerStyleSettings(ctx: Pick<PluginContext<AlertmanagerStyleOptions>, 'config' | 'severities' | 'logger'>): AlertmanagerStyleSettings {
  const { severity, service } = ctx.config;
  const map = severity.map ?? severitiesByPosition(ctx.severities, PROMETHEUS_SEVERITIES);
  return { severityLabel: severity.label, serviceLabel: service.label, severities: configuredSeverities(ctx, map) };
}
