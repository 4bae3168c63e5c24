import { actionItemsSection } from './action-items-section';
import { factsSection } from './facts-section';
import { postmortemSection } from './postmortem-section';
import type { IncidentSection } from './incident-section';
import { rolesSection } from './roles-section';
import { statusSection } from './status-section';
import { statusUpdatesSection } from './status-updates-section';
import { timelineSection } from './timeline-section';

/** The sections of `/incidents/:ref`, top to bottom. Each loads what it shows. */
export const INCIDENT_SECTIONS: readonly IncidentSection[] = [
  factsSection,
  statusSection,
  rolesSection,
  statusUpdatesSection,
  actionItemsSection,
  postmortemSection,
  timelineSection,
];
