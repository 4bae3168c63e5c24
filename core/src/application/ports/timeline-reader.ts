import type { TimelineEntry } from '../../domain/timeline';
import type { TimelineRepository } from './repositories.port';

/**
 * An incident's timeline read in pages from a cursor, so nothing has to hold a million-entry
 * timeline at once: the incremental summarizer skips to what is new, the postmortem renders from pages.
 */
export interface TimelineReader {
  /** At most `limit` entries with a position greater than `afterPosition` (0: from the start), oldest first. */
  page(afterPosition: number, limit: number): Promise<readonly TimelineEntry[]>;
}

/** Rows per read: big enough that a 10,000-entry incident is 20 round trips, small enough to stay a few MB. */
export const TIMELINE_PAGE_SIZE = 500;

/** The pages after `afterPosition`, oldest first, each read when the previous one has been used. */
export async function* timelinePages(reader: TimelineReader, afterPosition = 0, pageSize = TIMELINE_PAGE_SIZE): AsyncGenerator<readonly TimelineEntry[]> {
  let cursor = afterPosition;
  for (;;) {
    const page = await reader.page(cursor, pageSize);
    if (!page.length) return;
    yield page;
    if (page.length < pageSize) return;
    cursor = positionOfEntry(page[page.length - 1]!, cursor + page.length);
  }
}

/** Every entry after `afterPosition`, read in pages: for products that must contain all of them. */
export async function readTimeline(reader: TimelineReader, afterPosition = 0): Promise<TimelineEntry[]> {
  const all: TimelineEntry[] = [];
  for await (const page of timelinePages(reader, afterPosition)) all.push(...page);
  return all;
}

/** The store's timeline of one incident as a reader (inside or outside a unit of work). */
export const repositoryTimelineReader = (timeline: TimelineRepository, incidentId: string): TimelineReader => ({
  page: (afterPosition, limit) => timeline.list(incidentId, { afterPosition, limit }),
});

/**
 * A reader over entries already in memory (tests, fixtures, benches). Entries without a stored
 * position count as 1, 2, 3… in order, as a repository would have numbered them.
 */
export function timelineReaderOf(entries: readonly TimelineEntry[]): TimelineReader {
  const positioned = entries.map((e, i) => ({ entry: e, position: positionOfEntry(e, i + 1) }));
  return {
    page: async (afterPosition, limit) => {
      const start = positioned.findIndex((p) => p.position > afterPosition);
      return start < 0 ? [] : positioned.slice(start, start + limit).map((p) => p.entry);
    },
  };
}

const positionOfEntry = (entry: TimelineEntry, fallback: number): number => entry.position ?? fallback;
