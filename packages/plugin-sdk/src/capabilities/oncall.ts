import type { PluginPerson } from '../incident';
import type { PluginService } from '../catalog';

/** `oncall`: who is on call now for a service (PagerDuty on-calls of its escalation policy, Opsgenie who-is-on-call). */
export interface OnCallPort {
  /** `service` is the catalogue entry when there is one; `integrations[<plugin id>]` names it at the vendor. */
  whoIsOnCall(target: { readonly name: string; readonly service?: PluginService }): Promise<readonly PluginPerson[]>;
}
