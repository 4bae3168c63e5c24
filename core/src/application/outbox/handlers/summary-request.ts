import { durationsOf } from '../../../domain/durations';
import type { Incident } from '../../../domain/incident';
import type { Audience } from '../../../domain/status-update';
import type { SummaryKind, SummaryRequest } from '../../ports/summarizer.port';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../settings';
import { roleLabels } from '../../services/postmortems';

/** Everything the summarizer gets about an incident; it decides what it still needs to send. */
export async function summaryRequest(repos: Repositories, settings: MusterSettings, incident: Incident, kind: SummaryKind, audience?: Audience): Promise<SummaryRequest> {
  const state = incident.snapshot();
  return {
    kind, audience, incident: state, durations: durationsOf(state.milestones), roleLabels: roleLabels(settings),
    timeline: await repos.timeline.list(incident.id),
  };
}
