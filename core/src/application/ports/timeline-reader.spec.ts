import { expect } from 'chai';
import { timelineEntry, type TimelineEntry } from '../../domain/timeline';
import { readTimeline, timelinePages, timelineReaderOf, type TimelineReader } from './timeline-reader';

const at = new Date('2026-11-22T03:00:00.000Z');
const entries = (count: number, positioned = true): TimelineEntry[] => Array.from({ length: count }, (_, i) => ({
  ...timelineEntry({ id: `e${i}`, incidentId: 'inc-1', kind: 'message', occurredAt: at, recordedAt: at, source: 'console', text: `m${i}`, idempotencyKey: `k${i}` }),
  ...(positioned && { position: 10 + i * 3 }),
}));

/** A reader that records what it was asked, to check the cursor and the page size. */
function recording(list: readonly TimelineEntry[]): { reader: TimelineReader; asked: [number, number][] } {
  const inner = timelineReaderOf(list);
  const asked: [number, number][] = [];
  return { reader: { page: (after, limit) => { asked.push([after, limit]); return inner.page(after, limit); } }, asked };
}

describe('TimelineReader: a timeline in pages from a cursor', () => {
  it('pages on from the last position read, and stops after a short page without asking again', async () => {
    const { reader, asked } = recording(entries(7));
    const pages: string[][] = [];
    for await (const page of timelinePages(reader, 0, 3)) pages.push(page.map((e) => e.text));
    expect(pages).to.deep.equal([['m0', 'm1', 'm2'], ['m3', 'm4', 'm5'], ['m6']]);
    expect(asked).to.deep.equal([[0, 3], [16, 3], [25, 3]]);
  });

  it('asks once more after a full last page, and gets nothing', async () => {
    const { reader, asked } = recording(entries(6));
    expect((await readTimeline(reader)).length).to.equal(6);
    const paged: number[] = [];
    for await (const page of timelinePages(reader, 0, 3)) paged.push(page.length);
    expect(paged).to.deep.equal([3, 3]);
    expect(asked.slice(1)).to.deep.equal([[0, 3], [16, 3], [25, 3]]);
  });

  it('starts after a cursor, and numbers entries without positions 1, 2, 3 as a repository would', async () => {
    expect((await readTimeline(timelineReaderOf(entries(5)), 16)).map((e) => e.text)).to.deep.equal(['m3', 'm4']);
    const loose = timelineReaderOf(entries(5, false));
    expect((await loose.page(2, 2)).map((e) => e.text)).to.deep.equal(['m2', 'm3']);
    const all: string[] = [];
    for await (const page of timelinePages(loose, 0, 2)) all.push(...page.map((e) => e.text));
    expect(all).to.deep.equal(['m0', 'm1', 'm2', 'm3', 'm4']);
  });
});
