import type { OnCallPort, PluginPerson, PluginService } from '@muster/plugin-sdk';
import type { OpsgenieConfig } from './config';
import { onCallsAnswer } from './rest/opsgenie-answers';
import type { OpsgenieRest } from './rest/opsgenie-rest';

/** An Opsgenie user is their username, which is their email: the host finds them in chat by it. */
export function personOf(username: string): PluginPerson {
  const email = username.includes('@') ? username.trim().toLowerCase() : undefined;
  return { platform: 'opsgenie', id: username.trim(), name: username.trim(), ...(email ? { email } : {}) };
}

/** What a Muster service is at Opsgenie: the catalogue's `integrations.opsgenie`, else `defaultResponder`, else its name. */
export function responderName(target: { readonly name: string; readonly service?: PluginService }, config: OpsgenieConfig): string {
  return target.service?.integrations['opsgenie'] ?? config.defaultResponder ?? target.name;
}

/** The schedule whose on-call answers for a responder: itself, or a team's `<team>_schedule`. */
export function scheduleOf(responder: string, config: OpsgenieConfig): string {
  return config.responderType === 'team' ? `${responder}${config.teamScheduleSuffix}` : responder;
}

/**
 * Who is on call now: `GET /v2/schedules/{name}/on-calls?scheduleIdentifierType=name&flat=true`,
 * whose `onCallRecipients` are usernames (emails). Each person once.
 */
export async function onCallFor(rest: OpsgenieRest, schedule: string): Promise<PluginPerson[]> {
  const { data } = await rest.get(`/v2/schedules/${encodeURIComponent(schedule)}/on-calls?scheduleIdentifierType=name&flat=true`, onCallsAnswer);
  const names = [...new Set(data.onCallRecipients.map((r) => r.trim()).filter(Boolean))];
  return names.slice(0, 50).map(personOf);
}

export function opsgenieOnCall(rest: OpsgenieRest, config: OpsgenieConfig): OnCallPort {
  return { whoIsOnCall: async (target) => onCallFor(rest, scheduleOf(responderName(target, config), config)) };
}
