import { expect } from 'chai';
import type { FakeMessage } from '../../fakes/fake-slack-api';
import { ANA, BOB, SlackE2E } from './harness';
import type { SlackChannel } from './slack-payloads';

const text = (m: { text: string; blocks?: unknown[] }): string => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

describe('Slack e2e: an incident from declare to postmortem through the real Bolt receiver', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let room: SlackChannel;
  let card: FakeMessage;

  before(async () => {
    e2e = await SlackE2E.start();
  });
  after(() => e2e?.stop());

  it('acknowledges /incident declare without waiting for any Slack call, and still opens the room afterwards while Slack is slow', async () => {
    // The done-when: Slack gives a command 3 s, so the ack may wait only for core's database
    // work. Every Slack call is held until the ack is in: an ack that waited on one would never come
    // (the test's own timeout then fails it). How fast the ack is, is the bench's to measure
    // (bench/, ack-latency), never a timed assertion here.
    const release = e2e.slack.holdAll();
    let answer: Awaited<ReturnType<SlackE2E['command']>>;
    try {
      answer = await e2e.command('declare "Checkout errors" --sev SEV1');
    } finally {
      release();
    }
    e2e.slack.latencyMs = 1000;
    expect(answer.status).to.equal(200);
    expect(answer.json).to.include({ response_type: 'in_channel' });
    expect(String(answer.json?.text)).to.include('INC-1 declared').and.include('Checkout errors');

    await e2e.settle(90_000);
    e2e.slack.latencyMs = 0;
    room = await e2e.roomOf(1);
    // #inc-1-checkout-errors already existed: Slack said name_taken, the next free name was used.
    expect(room.name).to.equal('inc-1-checkout-errors-2');
    const channel = e2e.slack.channel(room.id)!;
    expect(channel.topic).to.include('INC-1').and.include('SEV1').and.include('Checkout errors');
    expect([...channel.members]).to.include(ANA.id);
    const cards = e2e.postsMentioning(room.id, 'Acknowledge');
    expect(cards).to.have.length(1);
    card = cards[0]!;
    expect(channel.pins).to.deep.equal([card.ts]);
    expect(e2e.postsMentioning(e2e.announcements, 'INC-1')).to.have.length(1);
    expect(e2e.postsMentioning(e2e.general.id, 'inc-1-checkout-errors-2'), 'the room-ready notice where it was declared').to.have.length(1);
  });

  it('acknowledges the incident from the card\'s button and redraws the pinned card', async () => {
    const answer = await e2e.click(card, 'incident.ack', ANA, room);
    expect(answer.status).to.equal(200);
    await e2e.settle();
    expect((await e2e.incident(1)).status).to.equal('investigating');
    const reply = e2e.slack.responses().at(-1)!;
    expect(reply.body).to.include({ response_type: 'in_channel', replace_original: false });
    expect(JSON.stringify(reply.body)).to.include('acknowledged and under investigation');
    const redrawn = e2e.slack.messagesIn(room.id).find((m) => m.ts === card.ts)!;
    expect(redrawn.edited, 'the pinned card was updated in place').to.not.equal(undefined);
    expect(text(redrawn)).to.not.include('"Acknowledge"');
  });

  it('assigns a role from a mention Slack escaped as <@U…|name>, with no Slack look-up before the answer', async () => {
    const before = e2e.slack.calls('users.info').length;
    const answer = await e2e.command(`assign comms <@${BOB.id}|${BOB.name}>`, ANA, room);
    expect(answer.json).to.include({ response_type: 'in_channel' });
    expect(String(answer.json?.text)).to.include('Communications Lead');
    expect(e2e.slack.calls('users.info').length).to.equal(before);
    const roles = (await e2e.incident(1)).snapshot().roles;
    expect(roles.find((r) => r.role === 'communications_lead')?.person).to.deep.include({ platform: 'slack', id: BOB.id, name: BOB.name });
  });

  it('answers a plain @handle it has never seen by asking to pick the person from Slack\'s list', async () => {
    const answer = await e2e.command('assign scribe @dora', ANA, room);
    expect(answer.json).to.include({ response_type: 'ephemeral' });
    expect(String(answer.json?.text)).to.include('@dora').and.include('pick');
  });

  it('resolves from the card, announces it, and shares the postmortem as a Markdown file', async () => {
    await e2e.settle();
    const current = e2e.slack.messagesIn(room.id).find((m) => m.ts === card.ts)!;
    expect((await e2e.click(current, 'incident.resolve', ANA, room)).status).to.equal(200);
    await e2e.settle();
    expect((await e2e.incident(1)).status).to.equal('resolved');
    expect(e2e.postsMentioning(e2e.announcements, 'INC-1 resolved')).to.have.length(1);

    const answer = await e2e.command('postmortem', ANA, room);
    expect(answer.json).to.include({ response_type: 'in_channel' });
    expect(String(answer.json?.text)).to.include('Postmortem of INC-1');
    await e2e.settle();
    const [file] = e2e.slack.filesIn(room.id);
    expect(file?.name).to.equal('INC-1-postmortem.md');
    expect(file?.title).to.equal('Postmortem INC-1');
    expect(file?.content).to.include('INC-1').and.include('Checkout errors');
    expect(e2e.slack.calls('files.getUploadURLExternal')).to.have.length(1);
    expect(e2e.slack.calls('files.completeUploadExternal')[0]?.args).to.include({ channel_id: room.id });
  });
});
