import { expect } from 'chai';
import type { UnitOfWork } from '../../ports/unit-of-work.port';
import { ActionItems } from '../../services/action-items';
import { ACTIONS } from '../../views/action-ids';
import { buttonsIn, mentionsIn, reminderScene, reminderSettings, textIn } from './reminders.spec-helper';

const DAY = 24 * 60;

describe('follow-up, commander and postmortem reminders', () => {
  describe('overdue follow-ups', () => {
    const followUpsOnly = reminderSettings({ updates: false, commanderVacantMinutes: 0, postmortemAfterDays: 0 });

    it('reminds the owner in the incident room once it is overdue, then once a day while it stays open', async () => {
      const s = await reminderScene(followUpsOnly);
      await s.say('alice', 'action Rotate the API key @bob --due 1d');
      const [item] = await s.app.store.repositories.actionItems.listByIncident(s.incident.id);
      expect(item!.dueAt!.getTime() - s.app.clock.now().getTime()).to.equal(DAY * 60_000);

      await s.pass(DAY - 1);
      expect(s.reminders('action_item_due')).to.have.length(0);
      await s.pass(1);
      const [post] = s.reminders('action_item_due');
      expect(post!.conversation.conversationId).to.equal(s.room.conversationId);
      expect(mentionsIn(post!.view).map((p) => p.id)).to.deep.equal(['bob']);
      expect(textIn(post!.view)).to.include('follow-up 1 of INC-1 is overdue').and.include('Rotate the API key').and.include('/incident actions done 1');
      expect(buttonsIn(post!.view)).to.deep.equal([{ actionId: ACTIONS.completeActionItem, label: 'Done 1', value: item!.id }]);

      await s.redeliver('action_item_due');
      expect(s.reminders('action_item_due'), 'redelivered: still one').to.have.length(1);
      await s.pass(DAY);
      expect(s.reminders('action_item_due'), 'a day later, again').to.have.length(2);

      await s.say('bob', 'actions done 1');
      await s.pass(3 * DAY);
      expect(s.reminders('action_item_due'), 'done: no more').to.have.length(2);
    });

    it('says nothing for an item done before it fell due, or one whose due date moved', async () => {
      const s = await reminderScene(followUpsOnly);
      await s.say('alice', 'action Rotate the API key @bob --due 1d');
      await s.say('alice', 'action Write the runbook @carol --due 2d');
      await s.say('bob', 'actions done 1');
      const [, second] = await s.app.store.repositories.actionItems.listByIncident(s.incident.id);
      const later = new Date(s.app.clock.now().getTime() + 5 * DAY * 60_000);
      await s.app.container.get(ActionItems).change(s.app.ctx('alice', s.room), { id: s.incident.id }, { id: second!.id }, { dueAt: later });
      await s.app.flush();
      await s.pass(3 * DAY);
      expect(s.reminders('action_item_due'), 'neither the done one nor the old date of the moved one').to.have.length(0);
      await s.pass(2 * DAY);
      expect(s.reminders('action_item_due').map((p) => mentionsIn(p.view).map((m) => m.id))).to.deep.equal([['carol']]);
    });

    it('reminds the room when nobody owns the item, and only in a private incident\'s own room', async () => {
      const s = await reminderScene(followUpsOnly, 'declare "Payroll data exposed" --sev SEV1 --private');
      await s.say('alice', 'action Tell legal --due 2h');
      await s.pass(120);
      const posts = s.reminders('action_item_due');
      expect(posts.map((p) => p.conversation.conversationId)).to.deep.equal([s.room.conversationId]);
      expect(mentionsIn(posts[0]!.view)).to.deep.equal([]);
      expect(textIn(posts[0]!.view)).to.include('It has no owner').and.include('/incident actions assign 1 @person');
    });

    it('does not post twice when the record of a reminder failed after the post went out (the crash in the middle)', async () => {
      const s = await reminderScene(followUpsOnly);
      await s.say('alice', 'action Rotate the API key @bob --due 1h');
      const uow = s.app.store.unitOfWork as UnitOfWork & { run: UnitOfWork['run'] };
      const run = uow.run.bind(uow);
      let failures = 1;
      uow.run = (async (work: Parameters<UnitOfWork['run']>[0]) => {
        // The reminder's own transaction (timeline entry + next timer) fails once, after its post.
        if (failures > 0 && s.app.gateway.posts.some((p) => p.key.startsWith('reminder.'))) { failures--; throw new Error('database went away'); }
        return run(work);
      }) as UnitOfWork['run'];
      await s.pass(60);
      expect(s.reminders('action_item_due')).to.have.length(1);
      expect(await s.timelineReminders(), 'the record failed').to.have.length(0);
      await s.pass(10);
      expect(s.reminders('action_item_due'), 'the retry finds the post done').to.have.length(1);
      const entries = await s.timelineReminders();
      expect(entries).to.have.length(1);
      expect(entries[0]!.text).to.match(/^Follow-up reminder sent to bob: "Rotate the API key" overdue by /);
      expect(s.timers('action_item_due').map((r) => r.payload.n)).to.deep.equal([1, 2]);
    });

    it('sets no timer when switched off', async () => {
      const s = await reminderScene(reminderSettings({ updates: false, commanderVacantMinutes: 0, postmortemAfterDays: 0, actionItemsOverdue: false }));
      await s.say('alice', 'action Rotate the API key @bob --due 1d');
      expect(s.timers('action_item_due')).to.deep.equal([]);
    });
  });

  describe('a vacant Incident Commander', () => {
    const commanderOnly = (more = {}) => reminderSettings({ updates: false, actionItemsOverdue: false, postmortemAfterDays: 0, commanderVacantMinutes: 10 }, more);

    it('reminds the room once after the configured minutes, tagging whoever declared', async () => {
      const s = await reminderScene(commanderOnly({ declarerTakesCommand: false }));
      await s.pass(9);
      expect(s.reminders('commander_vacant')).to.have.length(0);
      await s.pass(1);
      const [post, ...more] = s.reminders('commander_vacant');
      expect(more).to.have.length(0);
      expect(post!.conversation.conversationId).to.equal(s.room.conversationId);
      expect(mentionsIn(post!.view).map((p) => p.id)).to.deep.equal(['alice']);
      expect(textIn(post!.view)).to.include('no Incident Commander for 10m 00s').and.include('/incident assign ic @you');
      await s.redeliver('commander_vacant');
      await s.pass(60);
      expect(s.reminders('commander_vacant'), 'once only').to.have.length(1);
      expect((await s.timelineReminders()).map((e) => e.text)).to.deep.equal(['Reminder sent to alice: no Incident Commander for 10m 00s.']);
    });

    it('says nothing when someone took command in time, or when the declarer commands', async () => {
      const s = await reminderScene(commanderOnly({ declarerTakesCommand: false }));
      await s.pass(5);
      await s.say('alice', 'assign ic @bob');
      await s.pass(10);
      expect(s.reminders('commander_vacant')).to.have.length(0);

      const commanded = await reminderScene(commanderOnly());
      expect(commanded.timers('commander_vacant')).to.deep.equal([]);
    });
  });

  describe('the postmortem nudge', () => {
    const postmortemOnly = reminderSettings({ updates: false, actionItemsOverdue: false, commanderVacantMinutes: 0, postmortemAfterDays: 2 });

    it('nudges the Incident Commander in the room once, two days after the resolution', async () => {
      const s = await reminderScene(postmortemOnly);
      await s.say('alice', 'resolve');
      await s.pass(2 * DAY - 1);
      expect(s.reminders('postmortem')).to.have.length(0);
      await s.pass(1);
      const [post, ...more] = s.reminders('postmortem');
      expect(more).to.have.length(0);
      expect(mentionsIn(post!.view).map((p) => p.id)).to.deep.equal(['alice']);
      expect(textIn(post!.view)).to.include('not reviewed yet').and.include('/incident postmortem done');
      await s.redeliver('postmortem');
      await s.pass(5 * DAY);
      expect(s.reminders('postmortem')).to.have.length(1);
    });

    it('says nothing when the postmortem was reviewed, or the incident was reopened', async () => {
      const s = await reminderScene(postmortemOnly);
      await s.say('alice', 'resolve');
      await s.say('alice', 'postmortem start');
      await s.say('alice', 'postmortem done');
      expect((await s.app.store.repositories.postmortems.findByIncident(s.incident.id))!.state).to.equal('published');
      await s.pass(3 * DAY);
      expect(s.reminders('postmortem')).to.have.length(0);

      const reopened = await reminderScene(postmortemOnly);
      await reopened.say('alice', 'resolve');
      await reopened.pass(60);
      await reopened.say('alice', 'reopen');
      await reopened.pass(3 * DAY);
      expect(reopened.reminders('postmortem')).to.have.length(0);
    });
  });
});
