import type { PluginPerson } from '../incident';

/** `oncall`: who is on call now for a service or schedule. */
export interface OnCallPort {
  whoIsOnCall(service: string): Promise<readonly PluginPerson[]>;
}
