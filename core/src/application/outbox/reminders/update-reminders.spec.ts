import { expect } from 'chai';
import { EventSubscribers } from '../../extensions/event-subscribers';
import { SYSTEM_ORIGIN } from '../../incidents/incident-recorder';
import { ACTIONS } from '../../views/action-ids';
import { buttonsIn, mentionsIn, reminderScene, reminderSettings, textIn } from './reminders.spec-helper';

const updatesOnly = reminderSettings({ commanderVacantMinutes: 0, postmortemAfterDays: 0, actionItemsOverdue: false });

describe('status update reminders', () => {
  it('reminds the Communications Lead in the room once per interval, however often the timer is run', async () => {
    const s = await reminderScene(updatesOnly);
    await s.say('alice', 'assign comms @bob');
    await s.pass(29);
    expect(s.reminders('update_due'), 'not before the SEV1 cadence of 30 minutes').to.have.length(0);

    await s.pass(1);
    const [first, ...more] = s.reminders('update_due');
    expect(more).to.have.length(0);
    expect(first!.conversation.conversationId).to.equal(s.room.conversationId);
    expect(mentionsIn(first!.view).map((p) => p.id)).to.deep.equal(['bob']);
    expect(textIn(first!.view)).to.include('a status update is overdue').and.include('None has gone out in the 30m 00s since it was declared')
      .and.include('every 30 min').and.include('/incident update');
    expect(buttonsIn(first!.view)).to.deep.equal([{ actionId: ACTIONS.draftUpdate, label: 'Draft an update', value: s.incident.id, style: 'primary' }]);

    await s.redeliver('update_due');
    await s.redeliver('update_due');
    expect(s.reminders('update_due'), 'a redelivered timer posts nothing again').to.have.length(1);
    const entries = await s.timelineReminders();
    expect(entries.map((e) => e.text)).to.deep.equal(['Update reminder sent to bob: no status update for 30m 00s (SEV1 calls for one every 30 min).']);
    expect(s.timers('update_due').map((r) => r.payload.n), 'and the next interval is set once').to.deep.equal([1, 2]);

    await s.pass(30);
    expect(s.reminders('update_due'), 'the next interval reminds again').to.have.length(2);
  });

  it('sets one timer for an event heard twice (a redelivered change re-enqueues the same key)', async () => {
    const s = await reminderScene(updatesOnly);
    const incident = await s.reload();
    const declared = { type: 'declared' as const, at: incident.snapshot().milestones.declared!, by: incident.snapshot().declaredBy, severity: 'SEV1', title: incident.title };
    const again = s.app.container.get(EventSubscribers).effectsOf(declared, incident, SYSTEM_ORIGIN, s.app.clock.now());
    await s.app.store.unitOfWork.run((tx) => tx.outbox.enqueue(again));
    expect(s.timers('update_due')).to.have.length(1);
    await s.pass(30);
    expect(s.reminders('update_due')).to.have.length(1);
  });

  it('reminds the Incident Commander when nobody is Communications Lead, and the room when both are vacant', async () => {
    const withCommander = await reminderScene(updatesOnly);
    await withCommander.pass(30);
    expect(withCommander.reminders('update_due').map((p) => mentionsIn(p.view).map((m) => m.id))).to.deep.equal([['alice']]);

    const nobody = await reminderScene(reminderSettings({ commanderVacantMinutes: 0, postmortemAfterDays: 0 }, { declarerTakesCommand: false }));
    await nobody.pass(30);
    const [post] = nobody.reminders('update_due');
    expect(mentionsIn(post!.view), 'nobody is tagged').to.deep.equal([]);
    expect(textIn(post!.view)).to.include('Nobody is Communications Lead or Incident Commander').and.include('/incident assign comms @you');
    expect(post!.conversation.conversationId).to.equal(nobody.room.conversationId);
  });

  it('stops once the incident is resolved, and after a decline', async () => {
    const s = await reminderScene(updatesOnly);
    await s.pass(30);
    await s.say('alice', 'resolve');
    await s.pass(24 * 60);
    expect(s.reminders('update_due'), 'only the one before the resolution').to.have.length(1);

    const declined = await reminderScene(updatesOnly);
    await declined.say('alice', 'decline');
    await declined.pass(120);
    expect(declined.reminders('update_due')).to.have.length(0);
  });

  it('keeps reminding while mitigated: stakeholders still wait for news', async () => {
    const s = await reminderScene(updatesOnly);
    await s.say('alice', 'mitigate');
    await s.pass(30);
    expect(s.reminders('update_due')).to.have.length(1);
  });

  it('resets the clock when any update is published, internal ones too; a draft alone does not', async () => {
    const s = await reminderScene(updatesOnly);
    await s.pass(10);
    await s.say('alice', 'update internal');
    await s.pass(20);
    expect(s.reminders('update_due'), 'a draft awaiting approval is no update').to.have.length(1);

    await s.pass(10);
    await s.publishUpdate();
    await s.pass(29);
    expect(s.reminders('update_due'), 'the old chain\'s next interval does nothing').to.have.length(1);
    await s.pass(1);
    const posts = s.reminders('update_due');
    expect(posts).to.have.length(2);
    expect(textIn(posts[1]!.view)).to.include('The last one went out 30m 00s ago');
  });

  it('re-anchors on a severity change: SEV3 → SEV1 switches to 30 minutes from the change, and the SEV3 chain is dropped', async () => {
    const s = await reminderScene(updatesOnly, 'declare "Slow search" --sev SEV3');
    const declaredMs = s.incident.snapshot().milestones.declared!.getTime();
    await s.pass(10);
    await s.say('alice', 'sev SEV1');
    await s.pass(29);
    expect(s.reminders('update_due')).to.have.length(0);
    await s.pass(1);
    expect(s.reminders('update_due')).to.have.length(1);
    expect(textIn(s.reminders('update_due')[0]!.view)).to.include('since its severity changed or it was reopened');
    await s.pass(240);
    const posts = s.reminders('update_due');
    expect(posts.every((p) => !p.key.includes(`:${declaredMs}:`)), 'nothing from the chain of the declaration').to.equal(true);
    expect(posts.every((p) => textIn(p.view).includes('SEV1 calls for one every 30 min'))).to.equal(true);

    await s.say('alice', 'sev SEV3');
    await s.pass(1);
    await s.say('alice', 'sev SEV1');
    const before = s.reminders('update_due').length;
    await s.pass(30);
    expect(s.reminders('update_due').length - before, 'back to SEV1: one chain, not two').to.equal(1);
  });

  it('restarts after a reopen, and sets nothing when switched off', async () => {
    const s = await reminderScene(updatesOnly);
    await s.say('alice', 'resolve');
    await s.say('alice', 'reopen');
    await s.pass(30);
    expect(s.reminders('update_due')).to.have.length(1);

    const off = await reminderScene(reminderSettings({ updates: false, commanderVacantMinutes: 0, postmortemAfterDays: 0 }));
    await off.pass(120);
    expect(off.timers('update_due')).to.deep.equal([]);
  });

  it('posts a private incident\'s reminder only in its own room', async () => {
    const s = await reminderScene(updatesOnly, 'declare "Payroll data exposed" --sev SEV1 --private');
    const before = s.app.gateway.calls.length;
    await s.pass(30);
    const posts = s.reminders('update_due');
    expect(posts).to.have.length(1);
    const since = s.app.gateway.calls.slice(before);
    expect(since.map((c) => [c.method, (c.args[0] as { conversationId: string }).conversationId]), 'nothing anywhere else, not even privately')
      .to.deep.equal([['post', s.room.conversationId]]);
  });

  it('drafts an update for approval from the reminder\'s button, publishing nothing', async () => {
    const s = await reminderScene(updatesOnly);
    await s.pass(30);
    const reply = await s.router.handleAction(s.app.ctx('bob', s.room), ACTIONS.draftUpdate, s.incident.id);
    expect(reply.visibility).to.equal('ephemeral');
    await s.app.flush();
    const updates = await s.app.store.repositories.statusUpdates.listByIncident(s.incident.id);
    expect(updates.map((u) => u.state)).to.deep.equal(['pending_approval']);
  });

  it('refuses the button for someone who may not see a private incident, drafting nothing', async () => {
    const s = await reminderScene(updatesOnly, 'declare "Payroll data exposed" --sev SEV1 --private');
    const reply = await s.router.handleAction(s.app.ctx('mallory'), ACTIONS.draftUpdate, s.incident.id);
    expect(reply.visibility).to.equal('ephemeral');
    expect(textIn(reply.view!)).to.not.include('Payroll');
    await s.app.flush();
    expect(await s.app.store.repositories.statusUpdates.listByIncident(s.incident.id)).to.deep.equal([]);
  });
});
