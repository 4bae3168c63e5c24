import { PluginHttpError } from '@muster/plugin-sdk';
import type { OpsgenieConfig } from './config';
import { requestStatusAnswer } from './rest/opsgenie-answers';
import { unlessNotFound, type OpsgenieRest } from './rest/opsgenie-rest';

/**
 * The alert id of an accepted create: `GET /v2/alerts/requests/{requestId}`, which answers 404 until
 * Opsgenie has processed the request. Asked at most `requestPolls` times, `pollIntervalMs` apart (a
 * bounded wait inside ctx.http's own time limits); `undefined` when it was still pending. A
 * processed request that failed (an unknown responder) is an error naming Opsgenie's reason.
 */
export async function settledAlertId(rest: OpsgenieRest, requestId: string, config: Pick<OpsgenieConfig, 'requestPolls' | 'pollIntervalMs'>): Promise<string | undefined> {
  for (let poll = 0; poll < config.requestPolls; poll += 1) {
    if (poll > 0) await new Promise((resolve) => setTimeout(resolve, config.pollIntervalMs));
    const answer = await unlessNotFound(rest.get(`/v2/alerts/requests/${encodeURIComponent(requestId)}`, requestStatusAnswer));
    if (!answer) continue;
    if (!answer.data.isSuccess) throw new PluginHttpError(`Opsgenie did not create the alert: ${(answer.data.status ?? 'no reason given').slice(0, 300)}`, undefined);
    return answer.data.alertId || undefined;
  }
  return undefined;
}
