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

/**
 * Whether an entry makes stored facts stale: a message deleted after it was summarised (people delete
 * pasted secrets) or edited must drop out of the record, so the facts are rebuilt from the timeline.
 */
export function staleFor(stored: RollingSummary, entry: TimelineEntry, position: number): boolean {
  if (position > stored.coveredThrough) return false;
  const edited = entry.revisions.length > 0 && entry.revisions[entry.revisions.length - 1].at > stored.updatedAt;
  return (!!entry.deletedAt && entry.deletedAt > stored.updatedAt) || edited;
}

/** Timeline position of an entry: the repository's, or its index for timelines built without one. */
export const positionOf = (entry: TimelineEntry, index: number): number => entry.position ?? index + 1;

export class RollingFacts {
  constructor(private readonly repository: SummaryStateRepository, private readonly clock: Clock) {}

  /** The stored facts, if any; whether they still hold is decided while the timeline is read (`isStaleFor`). */
  async load(incidentId: string): Promise<RollingSummary | undefined> {
    const stored = await this.repository.get(incidentId, FACTS_KIND);
    return stored && stored.text.trim() ? stored : undefined;
  }

  /** Saves unless a concurrent summary already stored facts covering more of the timeline. */
  async save(incidentId: string, coveredThrough: number, text: string): Promise<void> {
    const current = await this.repository.get(incidentId, FACTS_KIND);
    if (current && current.coveredThrough > coveredThrough) return;
    const summary: RollingSummary = { incidentId, kind: FACTS_KIND, coveredThrough, text, tokens: countTokens(text), updatedAt: this.clock.now() };
    await this.repository.save(summary);
  }
}
