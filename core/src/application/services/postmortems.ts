import { inject, injectable } from 'inversify';
import { applyNarrativeDraft, emptyPostmortem, renderPostmortemMarkdown, type NarrativeSectionKey, type Postmortem } from '../../domain/postmortem';
import type { Incident } from '../../domain/incident';
import type { RequestContext } from '../incidents/request-context';
import { IncidentLocator, type IncidentTarget } from '../incidents/incident-locator';
import type { Clock, IdGenerator } from '../ports/system.port';
import { readTimeline, repositoryTimelineReader } from '../ports/timeline-reader';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import type { MusterSettings } from '../container/settings';
import { TOKENS } from '../container/tokens';

export interface PostmortemDocument {
  readonly incident: Incident;
  readonly postmortem: Postmortem;
  readonly markdown: string;
}

@injectable()
export class Postmortems {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(TOKENS.Settings) private readonly settings: MusterSettings,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /**
   * The postmortem document with the full timeline, for anyone who may see the incident. Reading it
   * changes nothing: the incident moves to the postmortem stage only when someone says so.
   */
  async open(ctx: RequestContext, target?: IncidentTarget): Promise<PostmortemDocument> {
    return this.uow.run(async (tx) => {
      const incident = await this.locator.locate(ctx, target, tx.incidents);
      const postmortem = await this.ensure(tx, incident.id);
      return { incident, postmortem, markdown: await this.render(tx, incident, postmortem) };
    });
  }

  /** The stored document, created empty the first time. */
  async ensure(tx: Repositories, incidentId: string): Promise<Postmortem> {
    return (await tx.postmortems.findByIncident(incidentId)) ?? tx.postmortems.save(emptyPostmortem(this.ids.newId(), incidentId, this.clock.now()));
  }

  /** A drafted narrative into the document, in a unit of work of its own; never over a section a person wrote. */
  async saveNarrativeDraft(incidentId: string, sections: Partial<Record<NarrativeSectionKey, string>>, origin: 'ai' | 'extractive'): Promise<void> {
    await this.uow.run(async (tx) => {
      await tx.postmortems.save(applyNarrativeDraft(await this.ensure(tx, incidentId), sections, origin, this.clock.now()));
    });
  }

  /**
   * The document contains every entry, so they are all rendered; they are read in pages (bounded
   * statements, no single million-row result set) rather than in one unbounded query.
   */
  async render(tx: Repositories, incident: Incident, postmortem: Postmortem): Promise<string> {
    const [timeline, actionItems] = await Promise.all([readTimeline(repositoryTimelineReader(tx.timeline, incident.id)), tx.actionItems.listByIncident(incident.id)]);
    return renderPostmortemMarkdown({ incident: incident.snapshot(), postmortem, timeline, actionItems, roleLabels: roleLabels(this.settings) });
  }
}

export const roleLabels = (settings: MusterSettings): Record<string, string> =>
  Object.fromEntries(settings.roles.roles.map((r) => [r.id, r.label]));
