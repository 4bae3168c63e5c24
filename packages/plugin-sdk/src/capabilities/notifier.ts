import type { PluginIncident } from '../incident';

/** `notifier`: tell an outside system about an incident (a generic outgoing webhook, email, SMS). */
export interface NotifierPort {
  notify(incident: PluginIncident, message: { readonly kind: string; readonly text: string }, idempotencyKey: string): Promise<void>;
}
