import type { IncidentState } from '../../domain/incident';
import type { PublishedTarget, StatusUpdate } from '../../domain/status-update';

/** Sends an approved update to its audience (stakeholder channels now; status pages and e-mail through plugins). */
export interface UpdatePublisher {
  publish(update: StatusUpdate, incident: IncidentState): Promise<PublishedTarget[]>;
}
