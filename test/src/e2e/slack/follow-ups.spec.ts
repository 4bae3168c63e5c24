import { expect } from 'chai';
import type { FakeMessage } from '../../fakes/fake-slack-api';
import { ANA, BOB, CLEO, SlackE2E } from './harness';

/** A slash command's answer as the message Slack shows, so its buttons can be clicked. */
function answered(json: Record<string, unknown> | undefined): FakeMessage {
  return { type: 'message', ts: '1700000000.000100', user: 'UBOT', text: String(json?.text ?? ''), blocks: (json?.blocks as unknown[]) ?? [] };
}

describe('Slack e2e: list, follow-ups and postmortem editing', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;

  before(async () => {
    e2e = await SlackE2E.start();
    await e2e.command('declare "Checkout errors" --sev SEV2');
    await e2e.command('declare "Payroll breach" --private');
    await e2e.settle(60_000);
  });
  after(() => e2e?.stop());

  it('lists for an outsider only what they may see, privately, with room links; the private incident is neither shown nor counted', async () => {
    const outsider = await e2e.command('list all', CLEO);
    expect(outsider.status).to.equal(200);
    expect(outsider.json).to.include({ response_type: 'ephemeral', text: 'All incidents: 1' });
    expect(outsider.text).to.include('*INC-1* · SEV2 · triage · Checkout errors').and.include('app_redirect');
    expect(outsider.text).not.to.match(/payroll|INC-2|more/i);
    const declarer = await e2e.command('list', ANA);
    expect(declarer.text).to.include('Payroll breach').and.include('INC-2');
    expect(JSON.stringify(e2e.slack.messagesIn(e2e.general.id))).not.to.include('Payroll');
  });

  it('lists follow-ups in the room with Done buttons, and a signed click marks one done once', async () => {
    const room = await e2e.roomOf(1);
    await e2e.command('action Add an alert on checkout latency <@U0BOB>', ANA, room);
    await e2e.command('action Write the runbook', ANA, room);
    const list = await e2e.command('actions', BOB, room);
    expect(list.json).to.include({ response_type: 'in_channel' });
    expect(list.text).to.include('Add an alert on checkout latency — owner').and.include('Done 2');
    const click = await e2e.click(answered(list.json), 'action_item.done', BOB, room);
    expect(click.status).to.equal(200);
    await e2e.settle();
    const items = await e2e.store.repositories.actionItems.listByIncident((await e2e.incident(1)).id);
    expect(items.map((i) => i.state)).to.deep.equal(['done', 'open']);
    expect(JSON.stringify(e2e.slack.responses().at(-1)?.body)).to.include('Follow-up 1 on *INC-1* is done');
    const outsiderClick = await e2e.click(answered(list.json), 'action_item.done', CLEO, e2e.general);
    expect(outsiderClick.status).to.equal(200);
    await e2e.settle();
    expect(JSON.stringify(e2e.slack.responses().at(-1)?.body)).to.include('already done');
  });

  it('edits a postmortem section in a modal, refuses a stale second save naming who changed it, and moves the stage only on command', async () => {
    const room = await e2e.roomOf(1);
    await e2e.command('resolve', ANA, room);
    await e2e.settle();
    const [ready] = e2e.postsMentioning(room.id, 'is ready');
    expect(JSON.stringify(ready?.blocks)).to.include('Edit button under each section');
    const doc = await e2e.command('postmortem', BOB, room);
    await e2e.click(answered(doc.json), 'postmortem.edit', BOB, room);
    await e2e.settle();
    const bobs = e2e.openedView('postmortem.edit');
    await e2e.click(answered(doc.json), 'postmortem.edit', CLEO, room);
    await e2e.settle();
    const cleos = e2e.openedView('postmortem.edit');
    expect((await e2e.submit(cleos, { body: 'Checkout failed for *EU* cards.' }, CLEO)).text, 'the modal closes').to.equal('');
    const stale = await e2e.submit(bobs, { body: 'Nothing happened.' }, BOB);
    expect(stale.json?.response_action).to.equal('errors');
    expect(JSON.stringify(stale.json?.errors)).to.include('changed by cleo after you opened it');
    await e2e.settle();
    const postmortem = await e2e.store.repositories.postmortems.findByIncident((await e2e.incident(1)).id);
    expect(postmortem!.sections[0]).to.include({ body: 'Checkout failed for *EU* cards.', origin: 'human' });
    expect((await e2e.incident(1)).status, 'reading and editing move nothing').to.equal('resolved');
    await e2e.command('postmortem start', ANA, room);
    await e2e.settle();
    expect((await e2e.incident(1)).status).to.equal('postmortem');
    expect((await e2e.timeline(1)).map((e) => e.text)).to.include('Postmortem section "Summary" edited.');
  });
});
