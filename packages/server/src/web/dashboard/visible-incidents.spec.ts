import { expect } from 'chai';
import { Incident, SeverityCatalog, type IncidentFilter, type RequestContext } from '@muster/core';
import { InMemoryDatabase, InMemoryIncidentRepository } from '@muster/core/testing';
import { visiblePage } from './visible-incidents';

const ana = { platform: 'console' as const, id: 'ana' };
const ctx: RequestContext = { actor: ana, platform: 'console', workspaceId: 'local', idempotencyKey: 'k' };
// A stand-in for AccessPolicy's decision (its own suites test it): here, private incidents are not the viewer's.
const access = { canSee: (_: RequestContext, i: Incident) => !i.isPrivate };

describe('visiblePage', () => {
  let repo: InMemoryIncidentRepository;
  let limits: (number | undefined)[];
  const incidents = { list: (f: IncidentFilter) => { limits.push(f.limit); return repo.list(f); } };
  const numbers = (page: { incidents: readonly Incident[] }) => page.incidents.map((i) => i.snapshot().number);

  beforeEach(async () => {
    repo = new InMemoryIncidentRepository(new InMemoryDatabase());
    limits = [];
    // 1..150; two of every three private, so a page of 10 visible needs several store batches.
    for (let n = 1; n <= 150; n++) {
      await repo.save(Incident.declare({ id: `i${n}`, number: n, title: `Incident ${n}`, severity: 'SEV2', declaredBy: ana, source: 'console', at: new Date(), private: n % 3 !== 0 }, new SeverityCatalog()));
    }
  });

  it('fills each page with visible incidents only, newest first, across store batches, never asking for everything', async () => {
    const first = await visiblePage(incidents, access, ctx, {}, {}, 10);
    expect(numbers(first)).to.deep.equal([150, 147, 144, 141, 138, 135, 132, 129, 126, 123]);
    expect(first.newer).to.equal(undefined);
    expect(first.older).to.deep.equal({ before: 123 });
    expect(limits.every((l) => l !== undefined && l <= 50)).to.equal(true);
    const seen = [...numbers(first)];
    let cursor = first.older;
    while (cursor) {
      const page = await visiblePage(incidents, access, ctx, {}, cursor, 10);
      seen.push(...numbers(page));
      cursor = page.older;
    }
    expect(seen).to.deep.equal(Array.from({ length: 50 }, (_, i) => 150 - 3 * i));
  });

  it('pages back towards the newest with the same pages', async () => {
    const second = await visiblePage(incidents, access, ctx, {}, { before: 123 }, 10);
    expect(numbers(second)).to.deep.equal([120, 117, 114, 111, 108, 105, 102, 99, 96, 93]);
    expect(second.newer).to.deep.equal({ after: 120 });
    const back = await visiblePage(incidents, access, ctx, {}, second.newer!, 10);
    expect(numbers(back)).to.deep.equal([150, 147, 144, 141, 138, 135, 132, 129, 126, 123]);
    expect(back.newer).to.equal(undefined);
    expect(back.older).to.deep.equal({ before: 123 });
  });

  it('offers no Older page when only invisible incidents remain', async () => {
    const last = await visiblePage(incidents, access, ctx, {}, { before: 4 }, 10);
    expect(numbers(last)).to.deep.equal([3]);
    expect(last.older).to.equal(undefined);
    expect((await visiblePage(incidents, access, ctx, {}, { before: 3 }, 10)).incidents).to.deep.equal([]);
  });
});
