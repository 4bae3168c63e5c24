import { readPayload, verifyBearer, type AlertSource, type PluginContext } from '@muster/plugin-sdk';
import type { WazuhConfig } from './config';
import { severityResolver } from './severity';
import { wazuhAlertSchema } from './wazuh-alert';
import { wazuhSignals } from './wazuh-signal';

/**
 * `POST /webhooks/wazuh`: the custom-muster integration script sends each alert with the
 * integration block's `api_key` as `Authorization: Bearer <api_key>` (secret TOKEN).
 */
export function wazuhAlertSource(ctx: Pick<PluginContext<WazuhConfig>, 'config' | 'secrets' | 'severities'>): AlertSource {
  const severityOf = severityResolver(ctx.config.severity, ctx.severities);
  return {
    // Read on every request: without a TOKEN every request is refused, never accepted.
    verify: (request) => verifyBearer(request, ctx.secrets.get('TOKEN') ?? ''),
    parse: (request) => wazuhSignals(readPayload(request, wazuhAlertSchema), ctx.config, severityOf),
  };
}
