import { expect } from 'chai';
import { ada, declare, entry, minutesAfter, newId, severities, T0 } from './fixtures';
import type { StoreUnderTest } from './harnesses';

class PlannedFailure extends Error {}

export function unitOfWorkContract(store: () => StoreUnderTest): void {
  it('commits everything a unit wrote, and returns its result', async () => {
    const { repositories: r, unitOfWork } = store();
    const incident = declare(1);
    const result = await unitOfWork.run(async (tx) => {
      await tx.incidents.save(incident);
      await tx.timeline.append(entry(incident.id, { idempotencyKey: 'slack:Ev-commit' }));
      await tx.outbox.enqueue([{ topic: 'room.setup', payload: { incidentId: incident.id }, idempotencyKey: 'room.setup:1' }]);
      return 'declared';
    });
    expect(result).to.equal('declared');
    expect(await r.incidents.findById(incident.id)).to.not.equal(undefined);
    expect(await r.timeline.count(incident.id)).to.equal(1);
    expect(await r.outbox.depth()).to.equal(1);
  });

  it('leaves no trace of a unit whose work throws, and hands back the very error', async () => {
    const { repositories: r, unitOfWork } = store();
    const existing = declare(await r.incidents.nextNumber('default'));
    await r.incidents.save(existing);
    const incident = declare(99);
    const failure = new PlannedFailure('the chat platform said no');
    const outcome = await unitOfWork.run(async (tx) => {
      await tx.incidents.save(incident);
      const loaded = (await tx.incidents.findById(existing.id))!;
      loaded.transitionTo('investigating', ada, minutesAfter(T0, 1));
      await tx.incidents.save(loaded);
      await tx.timeline.append(entry(incident.id, { idempotencyKey: 'slack:Ev-rolled-back' }));
      await tx.inbox.claim('slack:Ev-rolled-back', T0);
      await tx.outbox.enqueue([{ topic: 'room.setup', payload: {}, idempotencyKey: 'room.setup:rolled-back' }]);
      await tx.actionItems.save({ id: 'ai-rb', incidentId: incident.id, text: 'x', state: 'open', createdBy: ada, createdAt: T0, updatedAt: T0 });
      await tx.summaries.save({ incidentId: incident.id, kind: 'catch_up', coveredThrough: 1, text: 'x', tokens: 1, updatedAt: T0 });
      throw failure;
    }).then(() => undefined, (error: unknown) => error);
    expect(outcome).to.equal(failure);
    expect(await r.incidents.findById(incident.id)).to.equal(undefined);
    expect(await r.incidents.findByNumber('default', 99)).to.equal(undefined);
    const untouched = (await r.incidents.findById(existing.id))!;
    expect(untouched.status).to.equal('triage');
    expect(untouched.version).to.equal(1);
    expect(await r.timeline.findByKey('slack:Ev-rolled-back')).to.equal(undefined);
    expect(await r.inbox.claim('slack:Ev-rolled-back', T0)).to.equal(true);
    expect(await r.outbox.depth()).to.equal(0);
    expect(await r.actionItems.findById('ai-rb')).to.equal(undefined);
    expect(await r.summaries.get(incident.id, 'catch_up')).to.equal(undefined);
  });

  it('lets a unit read its own writes before it commits', async () => {
    const { unitOfWork } = store();
    const incident = declare(3);
    const seen = await unitOfWork.run(async (tx) => {
      await tx.incidents.save(incident);
      await tx.timeline.append(entry(incident.id));
      return { incident: await tx.incidents.findByNumber('default', 3), entries: await tx.timeline.count(incident.id) };
    });
    expect(seen.incident!.id).to.equal(incident.id);
    expect(seen.entries).to.equal(1);
  });

  it('lands all of 100 concurrent units, except the one that failed, which alone gets its error', async () => {
    const { repositories: r, unitOfWork } = store();
    const incidentId = newId('inc');
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => unitOfWork.run(async (tx) => {
      await tx.inbox.claim(`slack:Ev-group-${i}`, T0);
      await tx.timeline.append(entry(incidentId, { text: `event ${i}`, idempotencyKey: `slack:Ev-group-${i}` }));
      if (i === 37) throw new PlannedFailure('unit 37 fails');
      return i;
    })));
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, (o.reason as Error).message]] : []));
    expect(failed).to.deep.equal([[37, 'unit 37 fails']]);
    expect(await r.timeline.count(incidentId)).to.equal(99);
    expect(await r.timeline.findByKey('slack:Ev-group-37')).to.equal(undefined);
    expect(await r.inbox.claim('slack:Ev-group-37', T0)).to.equal(true);
    expect(await r.inbox.claim('slack:Ev-group-36', T0)).to.equal(false);
  });

  it('lets units that run together see each other\'s writes, so version checks stay exact', async () => {
    const { repositories: r, unitOfWork } = store();
    const incident = declare(5);
    const [, seen] = await Promise.all([
      unitOfWork.run((tx) => tx.incidents.save(incident)),
      unitOfWork.run(async (tx) => (await tx.incidents.findById(incident.id))?.version),
    ]);
    expect(seen).to.equal(1);
    const loaded = (await r.incidents.findById(incident.id))!;
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => unitOfWork.run(async (tx) => {
      const copy = (await tx.incidents.findById(incident.id))!;
      copy.changeSeverity(['SEV1', 'SEV3', 'SEV1'][n - 1]!, ada, minutesAfter(T0, n), severities);
      await tx.incidents.save(copy);
    })));
    // Each unit loaded the copy the previous one saved: all three succeed, one after the other.
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled']);
    expect((await r.incidents.findById(loaded.id))!.version).to.equal(4);
  });
}
