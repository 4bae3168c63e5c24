import type { Clock, RollingSummary, SummaryStateRepository, TimelineEntry } from '@muster/core';
import { countTokens } from '../tokens/token-counter';

/**
 * One rolling "facts so far" record per incident, shared by all three products. The facts are a
 * neutral, name-free record (people are handles), so a catch-up, an internal update, an external
 * update and a postmortem can all start from it; the audience's register is applied only in the
 * final request. One shared record means one pass over each entry, not one per product.
 */
export const FACTS_KIND = 'facts';

export interface CarriedFacts {
  readonly text: string;
  readonly coveredThrough: number;
}

/** Timeline position of an entry: the repository's, or its index for timelines built without one. */
export const positionOf = (entry: TimelineEntry, index: number): number => entry.position ?? index + 1;

export class RollingFacts {
  constructor(private readonly repository: SummaryStateRepository, private readonly clock: Clock) {}

  /**
   * The stored facts, unless something they cover has changed since: a message deleted after it was
   * summarised (people delete pasted secrets) or edited must drop out of the record, so the facts
   * are rebuilt from the timeline instead.
   */
  async load(incidentId: string, timeline: readonly TimelineEntry[]): Promise<CarriedFacts | undefined> {
    const stored = await this.repository.get(incidentId, FACTS_KIND);
    if (!stored || !stored.text.trim()) return undefined;
    const last = timeline.length ? positionOf(timeline[timeline.length - 1], timeline.length - 1) : 0;
    if (stored.coveredThrough > last) return undefined;
    const changedSince = (e: TimelineEntry) =>
      (e.deletedAt && e.deletedAt > stored.updatedAt) || (e.revisions.length > 0 && e.revisions[e.revisions.length - 1].at > stored.updatedAt);
    const stale = timeline.some((e, i) => positionOf(e, i) <= stored.coveredThrough && changedSince(e));
    return stale ? undefined : { text: stored.text, coveredThrough: stored.coveredThrough };
  }

  /** Saves unless a concurrent summary already stored facts covering more of the timeline. */
  async save(incidentId: string, coveredThrough: number, text: string): Promise<void> {
    const current = await this.repository.get(incidentId, FACTS_KIND);
    if (current && current.coveredThrough > coveredThrough) return;
    const summary: RollingSummary = { incidentId, kind: FACTS_KIND, coveredThrough, text, tokens: countTokens(text), updatedAt: this.clock.now() };
    await this.repository.save(summary);
  }
}
