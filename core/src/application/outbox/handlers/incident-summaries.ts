import { inject, injectable } from 'inversify';
import { durationsOf } from '../../../domain/durations';
import type { Incident } from '../../../domain/incident';
import type { Audience } from '../../../domain/status-update';
import type { Summarizer, SummaryKind, SummaryResult } from '../../ports/summarizer.port';
import { repositoryTimelineReader } from '../../ports/timeline-reader';
import type { Repositories } from '../../ports/unit-of-work.port';
import type { MusterSettings } from '../../container/settings';
import { roleLabels } from '../../services/postmortems';
import { TOKENS } from '../../container/tokens';

/** What the drafting handlers share: the summarizer asked about an incident as it is now. */
@injectable()
export class IncidentSummaries {
  constructor(
    @inject(TOKENS.Repositories) private readonly repos: Repositories,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Summarizer) private readonly summarizer: Summarizer,
  ) {}

  /** The summarizer gets the incident and a reader over its timeline; it reads and sends only what it still needs. */
  async summarize(incident: Incident, kind: SummaryKind, audience?: Audience): Promise<SummaryResult> {
    const state = incident.snapshot();
    return this.summarizer.summarize({
      kind, audience, incident: state, durations: durationsOf(state.milestones), roleLabels: roleLabels(this.settings),
      timeline: repositoryTimelineReader(this.repos.timeline, incident.id),
    });
  }
}
