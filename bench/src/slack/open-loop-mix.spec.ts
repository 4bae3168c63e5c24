import { expect } from 'chai';
import { planOpenLoopMix } from './open-loop-mix';

describe('planOpenLoopMix', () => {
  const plan = planOpenLoopMix(20_000, 7, 20, 8);

  it('sends about 90% messages and 10% commands and clicks', () => {
    const share = (kind: string) => plan.filter((r) => r.kind === kind).length / plan.length;
    expect(share('message')).to.be.within(0.89, 0.91);
    expect(share('command') + share('click')).to.be.within(0.09, 0.11);
    expect(share('click')).to.be.within(0.02, 0.04);
  });

  it('spreads the room traffic over every one of the 20 rooms, and declares only a few from #general', () => {
    const rooms = new Set(plan.flatMap((r) => (r.room === 'general' ? [] : [r.room])));
    expect([...rooms].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
    const declares = plan.filter((r) => r.kind === 'command' && r.text.startsWith('declare'));
    expect(declares.length / plan.length).to.be.within(0.003, 0.012);
    expect(declares.every((r) => r.room === 'general')).to.equal(true);
  });

  it('gives every message its own event id and ts, different from another phase\'s', () => {
    const other = planOpenLoopMix(20_000, 8, 20, 8);
    const ids = (p: typeof plan) => p.flatMap((r) => (r.kind === 'message' ? [r.eventId] : []));
    const tss = (p: typeof plan) => p.flatMap((r) => (r.kind === 'message' ? [r.ts] : []));
    expect(new Set(ids(plan)).size).to.equal(ids(plan).length);
    expect(new Set(tss(plan)).size).to.equal(tss(plan).length);
    const otherIds = new Set(ids(other));
    expect(ids(plan).filter((id) => otherIds.has(id))).to.deep.equal([]);
  });

  it('is the same sequence for the same seed (each target gets the same requests)', () => {
    expect(planOpenLoopMix(500, 7, 20, 8).map((r) => r.kind)).to.deep.equal(plan.slice(0, 500).map((r) => r.kind));
  });
});
