import type { PluginIncident } from '../incident';
import type { CallOptions, RemoteRef } from './call-options';

/** `conference`: a video bridge for the incident (Zoom, Google Meet, a Teams meeting), created on declaration per severity. */
export interface ConferencePort {
  /** `RemoteRef.url` is the join link shown on the card and bookmarked in the room. */
  start(incident: PluginIncident, options: CallOptions): Promise<RemoteRef>;
  /** Optional: Muster's incident resolved; end the meeting (when the plugin's config says so, else do nothing). */
  end?(meeting: RemoteRef, incident: PluginIncident, options: CallOptions): Promise<void>;
}
