import type { PluginIncident } from '../incident';
import type { CallOptions, RemoteRef } from './call-options';

/**
 * `status-page`: publish approved external updates (Atlassian Statuspage, Muster's own page). The host
 * calls it only with an external update a person approved and Muster published, never a draft.
 */
export interface StatusPagePort {
  /**
   * Creates the public incident (no `ref` yet) or adds the update to it (`ref` from the first call).
   * Component states follow `incident.severity` and `incident.services`.
   */
  publish(incident: PluginIncident, update: { readonly id: string; readonly body: string }, ref: RemoteRef | undefined, options: CallOptions): Promise<RemoteRef>;
  /** Muster's incident resolved: resolve the public incident and put its components back to operational. */
  resolve(incident: PluginIncident, ref: RemoteRef, options: CallOptions): Promise<void>;
}
