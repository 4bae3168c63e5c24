import { expect } from 'chai';
import { ACTIONS } from '../views/action-ids';
import { ActionItems } from './action-items';
import { buttonsOf, replyText, withIncident } from './follow-up-flows.spec-helper';

describe('actions: follow-ups from chat', () => {
  async function withItems() {
    const s = await withIncident();
    await s.say('alice', 'action Add an alert on checkout latency @bob');
    s.app.clock.advance(1);
    await s.say('bob', 'action Write the runbook');
    return s;
  }

  it('lists follow-ups with numbers, owners and state, and a Done button per open one', async () => {
    const s = await withItems();
    const reply = await s.say('carol', 'actions');
    expect(reply.visibility, 'asked in the room: for everyone').to.equal('in_channel');
    expect(replyText(reply)).to.include('⬜ Add an alert on checkout latency — owner @bob').and.include('⬜ Write the runbook — no owner').and.include('2 of 2 open');
    expect(buttonsOf(reply.view).map((b) => b.label)).to.deep.equal(['Done 1', 'Done 2']);
    const lobby = await s.commands.handleText(s.app.ctx('carol'), 'INC-1 actions');
    expect(lobby.visibility, 'asked elsewhere: only the requester').to.equal('ephemeral');
  });

  it('marks one done, reassigns and reopens by number, each on the timeline once', async () => {
    const s = await withItems();
    expect(replyText(await s.say('carol', 'actions done 2'))).to.include('Follow-up 2 on INC-1 is done: Write the runbook');
    expect(replyText(await s.say('carol', 'actions assign 1 @dave'))).to.include('@dave now owns follow-up 1 on INC-1');
    expect(replyText(await s.say('carol', 'actions reopen 2'))).to.include('Follow-up 2 on INC-1 is open again');
    const items = await s.app.store.repositories.actionItems.listByIncident(s.incident.id);
    expect(items.map((i) => `${i.text}:${i.state}:${i.owner?.id ?? '-'}`)).to.deep.equal(['Add an alert on checkout latency:open:dave', 'Write the runbook:open:-']);
    const timeline = (await s.app.store.repositories.timeline.list(s.incident.id)).filter((e) => e.kind === 'action_item').map((e) => e.text);
    expect(timeline.slice(2)).to.deep.equal(['Follow-up "Write the runbook": done.', 'Follow-up "Add an alert on checkout latency": owner now dave.', 'Follow-up "Write the runbook": reopened.']);
  });

  it('refuses a number that is not on the list, an item already done, and a button for an item that does not exist, changing nothing', async () => {
    const s = await withItems();
    expect(replyText(await s.say('carol', 'actions done 3'))).to.include('INC-1 has no follow-up 3: its follow-ups are numbered 1 to 2');
    await s.say('carol', 'actions done 1');
    expect(replyText(await s.say('carol', 'actions done 1'))).to.include('already done');
    expect(replyText(await s.say('carol', 'actions assign 1 @dave'))).to.include('only open items can be reassigned');
    expect(replyText(await s.router.handleAction(s.app.ctx('carol', s.room), ACTIONS.completeActionItem, 'no-such-item'))).to.include('no longer exists, or you cannot see it');
    const items = await s.app.store.repositories.actionItems.listByIncident(s.incident.id);
    expect(items.map((i) => i.state)).to.deep.equal(['done', 'open']);
    expect(items[0]!.owner?.id).to.equal('bob');
  });

  it('marks done from the list\'s button, and a redelivered press changes and records nothing twice', async () => {
    const s = await withItems();
    const list = await s.say('carol', 'actions');
    const done2 = buttonsOf(list.view).find((b) => b.label === 'Done 2')!;
    const ctx = s.app.ctx('carol', s.room);
    expect(replyText(await s.router.handleAction(ctx, done2.actionId, done2.value))).to.include('Follow-up 2 on INC-1 is done');
    const entries = await s.app.store.repositories.timeline.count(s.incident.id);
    const again = await s.app.container.get(ActionItems).change(ctx, { id: s.incident.id }, { id: done2.value }, { state: 'done' });
    expect(again.replayed).to.equal(true);
    expect(await s.app.store.repositories.timeline.count(s.incident.id)).to.equal(entries);
    expect(replyText(await s.router.handleAction(s.app.ctx('carol', s.room), done2.actionId, done2.value))).to.include('already done');
  });

  it('refuses a Done button of one incident pressed by someone who cannot see that incident', async () => {
    const s = await withIncident();
    await s.commands.handleText(s.app.ctx('alice'), 'declare "Payroll breach" --private');
    await s.commands.handleText(s.app.ctx('alice'), 'INC-2 action Rotate the keys');
    const [item] = await s.app.store.repositories.actionItems.listByIncident((await s.app.store.repositories.incidents.findByNumber('default', 2))!.id);
    const answer = replyText(await s.router.handleAction(s.app.ctx('eve'), ACTIONS.completeActionItem, item!.id));
    expect(answer).to.include('cannot see it').and.not.include('Rotate').and.not.include('Payroll');
    expect((await s.app.store.repositories.actionItems.findById(item!.id))!.state).to.equal('open');
  });

  it('closes with open follow-ups: allowed, the reply lists them and the timeline notes how many', async () => {
    const s = await withItems();
    await s.say('alice', 'actions done 1');
    await s.say('alice', 'resolve');
    const reply = await s.say('alice', 'close');
    const text = replyText(reply);
    expect(text).to.include('1 follow-up is still open').and.include('Write the runbook').and.not.include('Add an alert');
    expect((await s.app.store.repositories.incidents.findById(s.incident.id))!.status).to.equal('closed');
    const closed = (await s.app.store.repositories.timeline.list(s.incident.id)).find((e) => e.kind === 'status_change' && e.data.to === 'closed');
    expect(closed!.text).to.equal('Status resolved → closed: 1 follow-up still open.');
    expect(replyText(await s.say('alice', 'actions done 2')), 'follow-ups outlive the incident').to.include('is done');
  });

  it('closes without a word about follow-ups when none is open', async () => {
    const s = await withIncident();
    await s.say('alice', 'resolve');
    expect(replyText(await s.say('alice', 'close'))).not.to.include('follow-up');
  });
});
