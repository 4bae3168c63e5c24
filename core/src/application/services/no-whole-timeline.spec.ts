import { expect } from 'chai';
import { timelineEntry, type TimelineEntry } from '../../domain/timeline';
import type { TimelineQuery } from '../ports/repositories.port';
import { TIMELINE_PAGE_SIZE } from '../ports/timeline-reader';
import { InMemoryTimelineRepository } from '../../testing/in-memory-timeline-repository';
import { replyText, withIncident } from './follow-up-flows.spec-helper';

/** Kinds a bounded filtered read may ask for without a limit: a handful per incident, never chat. */
const FEW_PER_INCIDENT = new Set(['severity_change', 'status_change', 'ai_draft']);

/**
 * Issue 14: no query or command loads a whole timeline. Every read of a long timeline made by the
 * catch-up, the drafted updates and postmortem, and the postmortem document must be bounded: a limit
 * (a page), the newest N, or a filter to kinds there are only a few of. This fails if an unbounded
 * `timeline.list(id)` comes back anywhere on these paths.
 */
describe('no whole-timeline reads: summaries and the postmortem read the timeline in pages', () => {
  const original = InMemoryTimelineRepository.prototype.list;
  let reads: { query: TimelineQuery; rows: number }[] = [];
  beforeEach(() => {
    reads = [];
    InMemoryTimelineRepository.prototype.list = async function (this: InMemoryTimelineRepository, incidentId: string, query: TimelineQuery = {}) {
      const rows = await original.call(this, incidentId, query);
      reads.push({ query, rows: rows.length });
      return rows;
    };
  });
  afterEach(() => { InMemoryTimelineRepository.prototype.list = original; });

  const unbounded = () => reads.filter(({ query }) => {
    const paged = (query.limit !== undefined && query.limit <= TIMELINE_PAGE_SIZE) || (query.newest !== undefined && query.newest <= TIMELINE_PAGE_SIZE);
    const fewKinds = !!query.kinds && query.kinds.every((k) => FEW_PER_INCIDENT.has(k));
    return !paged && !fewKinds;
  });

  async function longIncident(messages: number) {
    const s = await withIncident();
    const at = s.app.clock.now();
    const entries: TimelineEntry[] = Array.from({ length: messages }, (_, i) => timelineEntry({
      id: `long-${i}`, incidentId: s.incident.id, kind: 'message', occurredAt: at, recordedAt: at, source: 'console',
      actor: { platform: 'console', id: 'bob', name: 'bob' }, text: `line ${i}`, idempotencyKey: `long-${i}`,
    }));
    await s.app.store.repositories.timeline.appendMany(entries);
    return s;
  }

  it('a catch-up reads the timeline in pages, and the summarizer still sees every entry', async () => {
    const s = await longIncident(1_234);
    const total = await s.app.store.repositories.timeline.count(s.incident.id);
    await s.say('bob', 'summary');
    await s.app.flush();
    expect(unbounded(), JSON.stringify(unbounded())).to.deep.equal([]);
    expect(Math.max(...reads.map((r) => r.rows))).to.be.at.most(TIMELINE_PAGE_SIZE);
    expect(s.app.summarizer.requests.map((r) => r.kind)).to.include('catch_up');
    const said = s.app.gateway.postedTexts(s.room.conversationId).join('\n');
    expect(said, 'the echo summarizer counted every entry through the pages').to.match(new RegExp(`catch_up of Checkout errors: (${total}|${total + 1}) entries`));
  });

  it('resolving (drafted update and postmortem narrative) and opening the postmortem read in pages only', async () => {
    const s = await longIncident(1_100);
    await s.say('alice', 'resolve');
    await s.app.flush();
    const document = replyText(await s.say('bob', 'postmortem'));
    expect(document).to.include('Postmortem');
    expect(unbounded(), JSON.stringify(unbounded())).to.deep.equal([]);
    expect(Math.max(...reads.map((r) => r.rows))).to.be.at.most(TIMELINE_PAGE_SIZE);
    expect(reads.length, 'several pages were read').to.be.greaterThan(2);
  });
});
