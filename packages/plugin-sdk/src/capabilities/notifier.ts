import type { PluginIncident } from '../incident';
import type { CallOptions } from './call-options';

/** `notifier`: tell an outside system about every incident event (a signed outgoing webhook, email, SMS). */
export interface NotifierPort {
  notify(event: NotifierEvent, options: CallOptions): Promise<void>;
}

export interface NotifierEvent {
  /** `incident.declared`, `incident.status_changed`, `incident.severity_changed`, `incident.role_assigned`, `incident.resolved`, `update.published`. */
  readonly type: string;
  /** Stable per event: receivers dedupe on it. */
  readonly id: string;
  readonly occurredAt: string;
  readonly incident: PluginIncident;
  readonly detail: Readonly<Record<string, unknown>>;
}
