import type { PluginIncident } from '../incident';

/** `conference`: a video bridge for the incident (Zoom, Google Meet, a Teams meeting). */
export interface ConferencePort {
  start(incident: PluginIncident, idempotencyKey: string): Promise<{ readonly url: string; readonly id: string; readonly title?: string }>;
  end?(meetingId: string): Promise<void>;
}
