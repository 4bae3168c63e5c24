import { expect } from 'chai';
import {
  approveStatusUpdate, completeActionItem, draftStatusUpdate, editPostmortemSection, emptyPostmortem, markStatusUpdatePublished, newActionItem,
  rescheduleActionItem,
} from '@muster/core';
import { ada, expectMusterError, grace, minutesAfter, newId, plain, T0 } from './fixtures';
import type { StoreUnderTest } from './harnesses';

/** Action items, status updates, postmortems, inbox and rolling summaries (services: services.contract.ts). */
export function recordsContract(store: () => StoreUnderTest): void {
  describe('action items', () => {
    it('saves, updates and lists an incident\'s action items in creation order', async () => {
      const { repositories: r } = store();
      const incidentId = newId('inc');
      const first = newActionItem({ id: newId('ai'), incidentId, text: 'Add a canary for checkout', owner: grace, createdBy: ada, at: T0 });
      const second = newActionItem({ id: newId('ai'), incidentId, text: 'Write the runbook', createdBy: ada, at: minutesAfter(T0, 1) });
      await r.actionItems.save(second);
      await r.actionItems.save(first);
      await r.actionItems.save(newActionItem({ id: newId('ai'), incidentId: newId('inc'), text: 'elsewhere', createdBy: ada, at: T0 }));
      const done = { ...completeActionItem(first, minutesAfter(T0, 60)), ticket: { title: 'OPS-9', url: 'https://jira.example.com/browse/OPS-9' } };
      await r.actionItems.save(done);
      expect(plain(await r.actionItems.findById(first.id))).to.deep.equal(plain(done));
      expect(plain(await r.actionItems.listByIncident(incidentId))).to.deep.equal(plain([done, second]));
      expect(await r.actionItems.findById('nope')).to.equal(undefined);
    });

    it('lists the action items of several incidents in one read, and none of any other incident', async () => {
      const { repositories: r } = store();
      const [a, b, other] = [newId('inc'), newId('inc'), newId('inc')];
      const items = [
        newActionItem({ id: newId('ai'), incidentId: a, text: 'one', createdBy: ada, at: T0 }),
        newActionItem({ id: newId('ai'), incidentId: b, text: 'two', createdBy: ada, at: minutesAfter(T0, 1) }),
        newActionItem({ id: newId('ai'), incidentId: b, text: 'three', createdBy: ada, at: minutesAfter(T0, 2) }),
      ];
      for (const item of [...items, newActionItem({ id: newId('ai'), incidentId: other, text: 'not asked for', createdBy: ada, at: T0 })]) await r.actionItems.save(item);
      const found = await r.actionItems.listByIncidents([a, b, newId('inc')]);
      expect(plain(found.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime()))).to.deep.equal(plain(items));
      expect(await r.actionItems.listByIncidents([])).to.deep.equal([]);
    });

    it('keeps a due date to the millisecond, changes it and clears it; an item without one has none', async () => {
      const { repositories: r } = store();
      const incidentId = newId('inc');
      const dueAt = new Date(T0.getTime() + 3 * 86_400_000 + 123);
      const item = newActionItem({ id: newId('ai'), incidentId, text: 'Rotate the API key', owner: grace, createdBy: ada, at: T0, dueAt });
      await r.actionItems.save(item);
      expect((await r.actionItems.findById(item.id))!.dueAt!.getTime()).to.equal(dueAt.getTime());
      expect(plain(await r.actionItems.listByIncident(incidentId))).to.deep.equal(plain([item]));
      const moved = rescheduleActionItem(item, minutesAfter(dueAt, 60), minutesAfter(T0, 5));
      await r.actionItems.save(moved);
      expect(plain(await r.actionItems.findById(item.id))).to.deep.equal(plain(moved));
      const cleared = rescheduleActionItem(moved, undefined, minutesAfter(T0, 6));
      await r.actionItems.save(cleared);
      const back = await r.actionItems.findById(item.id);
      expect(back).to.not.have.property('dueAt');
      expect(plain(back)).to.deep.equal(plain(cleared));
    });
  });

  describe('status updates', () => {
    const draft = () => draftStatusUpdate({
      id: newId('su'), incidentId: newId('inc'), audience: 'external', body: 'We are investigating failed payments.',
      author: { kind: 'ai', model: 'openai:gpt-4o-mini', requestedBy: ada }, at: T0,
    });

    it('saves with a version, through approval and publication, every field intact', async () => {
      const { repositories: r } = store();
      const saved = await r.statusUpdates.save(draft());
      expect(saved.version).to.equal(1);
      const approved = await r.statusUpdates.save(approveStatusUpdate(saved, grace, minutesAfter(T0, 2)));
      expect(approved.version).to.equal(2);
      const published = await r.statusUpdates.save(markStatusUpdatePublished(approved, [{ kind: 'status_page', name: 'Statuspage', url: 'https://status.example.com/i/1' }], minutesAfter(T0, 3)));
      expect(published.version).to.equal(3);
      expect(plain(await r.statusUpdates.findById(saved.id))).to.deep.equal(plain(published));
    });

    it('refuses a stale copy with `conflict`', async () => {
      const { repositories: r } = store();
      const saved = await r.statusUpdates.save(draft());
      await r.statusUpdates.save(approveStatusUpdate(saved, grace, minutesAfter(T0, 2)));
      await expectMusterError(r.statusUpdates.save(approveStatusUpdate(saved, ada, minutesAfter(T0, 3))), 'conflict');
      const fresh = draft();
      await r.statusUpdates.save(fresh);
      await expectMusterError(r.statusUpdates.save(fresh), 'conflict');
    });

    it('lists an incident\'s updates oldest first', async () => {
      const { repositories: r } = store();
      const a = draft();
      const b = { ...draft(), incidentId: a.incidentId, createdAt: minutesAfter(T0, 5), updatedAt: minutesAfter(T0, 5) };
      await r.statusUpdates.save(b);
      await r.statusUpdates.save(a);
      expect((await r.statusUpdates.listByIncident(a.incidentId)).map((u) => u.id)).to.deep.equal([a.id, b.id]);
      expect(await r.statusUpdates.findById('nope')).to.equal(undefined);
    });
  });

  describe('postmortems', () => {
    it('saves with a version, refuses stale copies and a second postmortem for the incident', async () => {
      const { repositories: r } = store();
      const incidentId = newId('inc');
      const saved = await r.postmortems.save(emptyPostmortem(newId('pm'), incidentId, T0));
      expect(saved.version).to.equal(1);
      const edited = await r.postmortems.save(editPostmortemSection(saved, 'impact', 'EU card payments failed for 42 minutes.', minutesAfter(T0, 9)));
      expect(edited.version).to.equal(2);
      expect(plain(await r.postmortems.findByIncident(incidentId))).to.deep.equal(plain(edited));
      await expectMusterError(r.postmortems.save(editPostmortemSection(saved, 'summary', 'stale', minutesAfter(T0, 10))), 'conflict');
      await expectMusterError(r.postmortems.save(emptyPostmortem(newId('pm'), incidentId, T0)), 'conflict');
      expect(await r.postmortems.findByIncident(newId('inc'))).to.equal(undefined);
    });
  });

  describe('inbox', () => {
    it('claims a key once, even when the same event arrives 20 times at once', async () => {
      const { repositories: r } = store();
      expect(await r.inbox.claim('slack:Ev1', T0)).to.equal(true);
      expect(await r.inbox.claim('slack:Ev1', minutesAfter(T0, 1))).to.equal(false);
      const results = await Promise.all(Array.from({ length: 20 }, () => r.inbox.claim('teams:activity-7', T0)));
      expect(results.filter(Boolean)).to.have.length(1);
    });
  });

  describe('rolling summaries', () => {
    it('keeps one summary per incident and kind, replaced on save', async () => {
      const { repositories: r } = store();
      const incidentId = newId('inc');
      expect(await r.summaries.get(incidentId, 'catch_up')).to.equal(undefined);
      const first = { incidentId, kind: 'catch_up', coveredThrough: 12, text: 'Checkout failing; rollback started.', tokens: 321, updatedAt: T0 };
      await r.summaries.save(first);
      await r.summaries.save({ ...first, kind: 'status_update', text: 'other kind' });
      expect(await r.summaries.get(incidentId, 'catch_up')).to.deep.equal(first);
      const second = { ...first, coveredThrough: 40, text: 'Rolled back; error rate normal.', tokens: 512, updatedAt: minutesAfter(T0, 30) };
      await r.summaries.save(second);
      expect(await r.summaries.get(incidentId, 'catch_up')).to.deep.equal(second);
      expect((await r.summaries.get(incidentId, 'status_update'))!.text).to.equal('other kind');
    });
  });
}
