import { PluginConfigError, type OnCallPort, type PluginPerson, type PluginService } from '@muster/plugin-sdk';
import type { PagerDutyConfig } from './config';
import { oncallsAnswer, serviceAnswer } from './rest/pagerduty-answers';
import type { PagerDutyRest } from './rest/pagerduty-rest';

/** Whom a PagerDuty user is to Muster: the email lets the host find them in chat and invite them. */
export function personOf(user: { readonly id: string; readonly name?: string; readonly email?: string }): PluginPerson {
  return { platform: 'pagerduty', id: user.id, ...(user.name ? { name: user.name } : {}), ...(user.email ? { email: user.email } : {}) };
}

/** A Muster service's PagerDuty service id: the catalogue's `integrations.pagerduty`, else `defaultService`, else the name itself. */
export function pagerDutyServiceId(target: { readonly name: string; readonly service?: PluginService }, config: PagerDutyConfig): string {
  const id = target.service?.integrations['pagerduty'] ?? config.defaultService ?? target.name;
  if (!/^[A-Za-z0-9]{1,20}$/.test(id)) throw new PluginConfigError(`"${id.slice(0, 40)}" is not a PagerDuty service id: set integrations.pagerduty on the service "${target.name.slice(0, 60)}" in muster.yaml, or defaultService`, 'defaultService');
  return id;
}

/**
 * Who is on call now for a PagerDuty service: its escalation policy (`GET /services/{id}`), then that
 * policy's on-calls with the users' emails (`GET /oncalls?escalation_policy_ids[]=…&include[]=users`).
 * Only the lowest escalation level answers: those are the people PagerDuty pages first; the levels
 * above are paged only if nobody acknowledges. Each person once.
 */
export async function onCallFor(rest: PagerDutyRest, serviceId: string): Promise<PluginPerson[]> {
  const { service } = await rest.get(`/services/${encodeURIComponent(serviceId)}`, serviceAnswer);
  const policy = encodeURIComponent(service.escalation_policy.id);
  const { oncalls } = await rest.get(`/oncalls?escalation_policy_ids%5B%5D=${policy}&include%5B%5D=users&limit=100`, oncallsAnswer);
  const levels = oncalls.map((o) => o.escalation_level ?? 1);
  const first = levels.length ? Math.min(...levels) : 1;
  const people = new Map<string, PluginPerson>();
  for (const oncall of oncalls) {
    if ((oncall.escalation_level ?? 1) === first && !people.has(oncall.user.id)) people.set(oncall.user.id, personOf(oncall.user));
  }
  return [...people.values()].slice(0, 50);
}

export function pagerDutyOnCall(rest: PagerDutyRest, config: PagerDutyConfig): OnCallPort {
  return { whoIsOnCall: async (target) => onCallFor(rest, pagerDutyServiceId(target, config)) };
}
