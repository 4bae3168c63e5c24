import { timelinePages, type PersonRef, type RollingSummary, type TimelineEntry, type TimelineReader } from '@muster/core';
import { peopleOfEntry } from '../redaction/people-aliases';
import { staleFor } from './rolling-facts';

export interface TimelineScan {
  /** Everyone on the timeline (actors and people in entry data), for aliases and name redaction. */
  readonly people: readonly PersonRef[];
  /** Entries after the carried facts (all of them when none carry over), oldest first. */
  readonly fresh: readonly TimelineEntry[];
  /** The facts to build on, or undefined when there were none or the timeline changed under them. */
  readonly carried?: RollingSummary;
  /** Position of the last entry (0 for an empty timeline). */
  readonly lastPosition: number;
  /** Rows read, for the stats and the footprint bench. */
  readonly rowsRead: number;
}

/**
 * One pass over the timeline in pages. Only the people (a handful) and the entries newer than the
 * stored facts are kept: older pages are read for who appears in them and for edits or deletions
 * that make the facts stale, then dropped, so a 10,000-entry incident never sits in memory whole.
 * If the facts turn out stale, the older entries are read again in pages (rare: an edit or deletion
 * of something already summarised).
 */
export async function scanTimeline(reader: TimelineReader, stored: RollingSummary | undefined): Promise<TimelineScan> {
  const people = new Map<string, PersonRef>();
  const fresh: TimelineEntry[] = [];
  let stale = false;
  let last = 0;
  let rowsRead = 0;
  for await (const page of timelinePages(reader)) {
    for (const entry of page) {
      const position = entry.position ?? last + 1;
      last = position;
      rowsRead++;
      for (const p of peopleOfEntry(entry)) if (!people.has(`${p.platform}:${p.id}`) || p.name) people.set(`${p.platform}:${p.id}`, p);
      if (stored && !stale && staleFor(stored, entry, position)) stale = true;
      if (!stored || position > stored.coveredThrough) fresh.push(entry);
    }
  }
  const carried = stored && !stale && stored.coveredThrough <= last ? stored : undefined;
  if (stored && !carried) {
    // The facts do not hold: everything is fresh again, read once more in pages.
    const all: TimelineEntry[] = [];
    for await (const page of timelinePages(reader)) all.push(...page);
    rowsRead += all.length;
    return { people: [...people.values()], fresh: all, lastPosition: last, rowsRead };
  }
  return { people: [...people.values()], fresh, carried, lastPosition: last, rowsRead };
}
