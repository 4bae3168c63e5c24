import type { PluginIncident } from '../incident';

/** `status-page`: publish approved external updates (Atlassian Statuspage, Muster's own page). */
export interface StatusPagePort {
  /** Creates or updates the public incident; only ever called with a human-approved update. */
  publish(incident: PluginIncident, update: { readonly id: string; readonly body: string }, idempotencyKey: string): Promise<{ readonly url?: string }>;
  resolve(incident: PluginIncident, idempotencyKey: string): Promise<void>;
}
