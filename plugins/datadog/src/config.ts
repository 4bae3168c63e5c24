import { alertSourceOptions, z } from '@muster/plugin-sdk';
import { TRANSITIONS } from './transitions';

/**
 * The custom header a Datadog webhook can carry instead of an Authorization header: Datadog sends
 * whatever custom headers the webhook defines (`X-Muster-Token: <token>`, `Authorization: Bearer
 * <token>`, or basic auth).
 */
export const TOKEN_HEADER = 'X-Muster-Token';

/**
 * Without a map, monitor priorities go onto the installation's levels by position: P1 the most
 * severe, P2 the next, and so on; with fewer than five levels the lower priorities share the least.
 */
export const PRIORITY_POSITIONS = { P1: 0, P2: 1, P3: 2, P4: 3, P5: 4 };

/**
 * `plugins.datadog.config` in muster.yaml (or the install form in chat, which shows the
 * descriptions). Strict: a misspelt key is refused with its name rather than silently ignored.
 */
export const configSchema = z.strictObject({
  ...alertSourceOptions,
  groupBy: z.enum(['aggregation', 'monitor']).default('aggregation')
    .describe('What one incident follows: aggregation (Datadog\'s $AGGREG_KEY, the events that belong together) or monitor ($ALERT_ID, one incident per monitor)'),
  severity: z.strictObject({
    map: z.record(z.string(), z.string()).optional()
      .describe('Monitor priority to Muster severity id, e.g. P1: SEV1, P2: SEV1, P3: SEV2. Without a map: P1 is the most severe level, P2 the next, and so on'),
  }).prefault({}).describe('How the monitor priority becomes the incident severity, as JSON: {"map": {"P1": "SEV1", "P2": "SEV1", "P3": "SEV2"}}. Default: P1 the most severe level, P2 the next, and so on'),
  service: z.strictObject({
    tag: z.string().trim().min(1).max(100).default('service').describe('The tag key that names the affected service, as in service:checkout (default: service)'),
  }).prefault({}).describe('Which tag names the affected services, as JSON: {"tag": "service"} (the default)'),
  ignore: z.array(z.enum(TRANSITIONS)).default([])
    .describe('Transitions that change nothing, as JSON: ["Warn", "Re-Warn", "No Data", "Re-No Data"] (default: none)'),
});

export type DatadogConfig = z.output<typeof configSchema>;
