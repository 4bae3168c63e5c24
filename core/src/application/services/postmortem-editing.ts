import { inject, injectable } from 'inversify';
import { MusterError } from '../../errors';
import type { Incident } from '../../domain/incident';
import { displayName } from '../../domain/incident';
import { editPostmortemSection, isNarrativeSection, type NarrativeSectionKey, type Postmortem, type PostmortemSection } from '../../domain/postmortem';
import { timelineEntry } from '../../domain/timeline';
import { AccessPolicy } from '../access/access-policy';
import type { RequestContext } from '../incidents/request-context';
import { IncidentChanges } from '../incidents/incident-changes';
import { IncidentLocator, type IncidentTarget } from '../incidents/incident-locator';
import type { IdGenerator } from '../ports/system.port';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port';
import { TOKENS } from '../container/tokens';
import { Postmortems } from './postmortems';
import { commandCode } from '../commands/command-usage';

/** Slack's longest modal text input; a section longer than this belongs in a linked document. */
export const MAX_SECTION_LENGTH = 3000;

export interface SectionEdit {
  readonly incident: Incident;
  readonly postmortem: Postmortem;
  readonly section: PostmortemSection;
}

/**
 * People writing the postmortem from chat: one section at a time, each save checked against the
 * revision the editor started from (a stale edit is refused, naming who changed it), recorded on the
 * timeline. The document's state moves only when someone marks it reviewed.
 */
@injectable()
export class PostmortemEditing {
  constructor(
    @inject(TOKENS.UnitOfWork) private readonly uow: UnitOfWork,
    @inject(IncidentChanges) private readonly changes: IncidentChanges,
    @inject(IncidentLocator) private readonly locator: IncidentLocator,
    @inject(AccessPolicy) private readonly access: AccessPolicy,
    @inject(Postmortems) private readonly postmortems: Postmortems,
    @inject(TOKENS.IdGenerator) private readonly ids: IdGenerator,
  ) {}

  /** The section as it is now, for the Edit form; refused before the form opens to anyone who may not edit. */
  async sectionForEdit(ctx: RequestContext, incidentId: string, key: string): Promise<SectionEdit> {
    return this.uow.run(async (tx) => {
      const incident = await this.locator.byId(ctx, incidentId, tx.incidents);
      this.access.assert(ctx, 'incident.contribute', incident, 'edit the postmortem');
      const postmortem = await this.postmortems.ensure(tx, incident.id);
      return { incident, postmortem, section: sectionOf(postmortem, key) };
    });
  }

  async editSection(ctx: RequestContext, incidentId: string, key: string, body: string, startedFrom: number): Promise<SectionEdit> {
    const text = body.trim();
    if (text.length > MAX_SECTION_LENGTH) {
      throw new MusterError('invalid_argument', `Keep a section under ${MAX_SECTION_LENGTH} characters (this one has ${text.length}); link a longer document from it instead.`);
    }
    const outcome = await this.changes.apply(ctx, { id: incidentId }, async (incident, tx, now) => {
      this.access.assert(ctx, 'incident.contribute', incident, 'edit the postmortem');
      const current = await this.postmortems.ensure(tx, incident.id);
      const section = sectionOf(current, key);
      if ((section.revision ?? 0) !== startedFrom) throw staleEdit(section);
      const saved = await tx.postmortems.save(editPostmortemSection(current, section.key, text, now, ctx.actor));
      await this.record(tx, incident, ctx, now, `Postmortem section "${section.title}" edited${text ? '' : ' (cleared)'}.`, { postmortemSection: section.key });
      return saved;
    });
    const postmortem = outcome.result ?? (await this.repos(outcome.incident));
    return { incident: outcome.incident, postmortem, section: sectionOf(postmortem, key) };
  }

  /** `postmortem done`: the people running the incident have reviewed it; `close` then finishes the incident. */
  async markReviewed(ctx: RequestContext, target?: IncidentTarget): Promise<{ incident: Incident; postmortem: Postmortem; replayed: boolean }> {
    const outcome = await this.changes.apply(ctx, target, async (incident, tx, now) => {
      this.access.assert(ctx, 'incident.transition', incident, 'mark the postmortem reviewed');
      if (incident.status !== 'postmortem') {
        const next = incident.status === 'resolved' ? ` Start it first with ${commandCode('postmortem start')}.` : '';
        throw new MusterError('invalid_state', `${incident.reference} is ${incident.status}, not in its postmortem stage, so its postmortem cannot be marked reviewed.${next}`);
      }
      const current = await this.postmortems.ensure(tx, incident.id);
      if (current.state === 'published') throw new MusterError('invalid_state', `The postmortem of ${incident.reference} is already marked reviewed. Finish with ${commandCode('close')}.`);
      const saved = await tx.postmortems.save({ ...current, state: 'published', updatedAt: now });
      await this.record(tx, incident, ctx, now, 'Postmortem marked reviewed.', { postmortemState: 'published' });
      return saved;
    });
    return { incident: outcome.incident, postmortem: outcome.result ?? (await this.repos(outcome.incident)), replayed: outcome.replayed };
  }

  private async repos(incident: Incident): Promise<Postmortem> {
    return this.uow.run((tx) => this.postmortems.ensure(tx, incident.id));
  }

  private async record(tx: Repositories, incident: Incident, ctx: RequestContext, now: Date, text: string, data: Record<string, unknown>): Promise<void> {
    await tx.timeline.append(timelineEntry({
      id: this.ids.newId(), incidentId: incident.id, kind: 'note', occurredAt: now, recordedAt: now, actor: ctx.actor,
      source: ctx.platform, text, data, idempotencyKey: `request:${ctx.idempotencyKey}:postmortem`,
    }));
  }
}

function sectionOf(postmortem: Postmortem, key: string): PostmortemSection {
  const section = isNarrativeSection(key) ? postmortem.sections.find((s) => s.key === (key as NarrativeSectionKey)) : undefined;
  if (!section) throw new MusterError('invalid_argument', `That postmortem section is from an older version of Muster. Run ${commandCode('postmortem')} again.`);
  return section;
}

function staleEdit(section: PostmortemSection): MusterError {
  const who = section.editedBy && section.origin === 'human' ? displayName(section.editedBy)
    : section.origin === 'ai' ? 'the AI draft' : section.origin === 'extractive' ? 'the draft from the timeline' : 'someone else';
  return new MusterError('conflict',
    `"${section.title}" was changed by ${who} after you opened it, so your edit was not saved. Press Edit again to see the current text, then make your change.`,
    { section: section.key, changedBy: who });
}
