import { inject, injectable } from 'inversify';
import { durationsOf } from '../../../domain/durations';
import type { Incident } from '../../../domain/incident';
import type { Audience } from '../../../domain/status-update';
import type { Summarizer, SummaryKind, SummaryResult } from '../../ports/summarizer.port';
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

  /** The summarizer gets everything about the incident; it decides what it still needs to send. */
  async summarize(incident: Incident, kind: SummaryKind, audience?: Audience): Promise<SummaryResult> {
    const state = incident.snapshot();
    return this.summarizer.summarize({
      kind, audience, incident: state, durations: durationsOf(state.milestones), roleLabels: roleLabels(this.settings),
      timeline: await this.repos.timeline.list(incident.id),
    });
  }
}
