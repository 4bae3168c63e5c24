import { expect } from 'chai';
import { ModalEnvelope } from '@muster/slack';
import { ANA, CLEO, SIGNING_SECRET, SlackE2E } from './harness';

/** Every message Muster posted anywhere in the fake workspace, and every ephemeral, as one string. */
function everything(e2e: SlackE2E): { messages: number; text: string } {
  const ids = e2e.slack.channelIds();
  const messages = ids.flatMap((id) => e2e.slack.messagesIn(id).filter((m) => m.bot_id));
  return { messages: messages.length, text: JSON.stringify(messages) };
}

/**
 * A private incident, declared with a signed /incident command from #general, seen from outside: by
 * someone who is neither a participant nor in its room. Every answer refuses as if it did not exist, and
 * nothing about it reaches any channel, file or the timeline.
 */
describe('Slack e2e: a private incident stays private', function () {
  this.timeout(90_000);
  let e2e: SlackE2E;

  before(async () => {
    e2e = await SlackE2E.start();
    const answer = await e2e.command('declare "Private breach in payroll" --private');
    expect(answer.json).to.include({ response_type: 'ephemeral' });
    await e2e.settle();
  });
  after(() => e2e?.stop());

  it('tells only the declarer: nothing in #general or the announcements names it', () => {
    for (const channel of [e2e.general.id, e2e.announcements]) {
      expect(JSON.stringify(e2e.slack.messagesIn(channel))).not.to.include('payroll').and.not.include('INC-1');
    }
  });

  for (const command of ['INC-1 status', 'INC-1 timeline', 'INC-1 postmortem', 'INC-1 summary', 'INC-1 update internal', 'INC-1 note exfiltrated', 'INC-1 action leak it', 'INC-1 resolve']) {
    it(`refuses "${command}" from #general by an outsider, leaking and writing nothing`, async () => {
      const before = { all: everything(e2e), files: e2e.slack.fileCount(), timeline: (await e2e.timeline(1)).length };
      const answer = await e2e.command(command, CLEO);
      await e2e.settle();
      expect(answer.status).to.equal(200);
      expect(answer.json).to.include({ response_type: 'ephemeral' });
      expect(answer.text).to.match(/no incident INC-1 that you can see/).and.not.include('payroll');
      expect(everything(e2e), 'no post anywhere').to.deep.equal(before.all);
      expect(e2e.slack.fileCount(), 'no upload').to.equal(before.files);
      expect((await e2e.timeline(1)).length, 'no timeline entry').to.equal(before.timeline);
    });
  }

  it('lets its commander read it from #general, privately, without uploading the document there', async () => {
    const files = e2e.slack.fileCount();
    const answer = await e2e.command('INC-1 postmortem', ANA);
    await e2e.settle();
    expect(answer.json).to.include({ response_type: 'ephemeral' });
    expect(answer.text).to.include('Postmortem');
    expect(e2e.slack.fileCount()).to.equal(files);
    expect(JSON.stringify(e2e.slack.messagesIn(e2e.general.id))).not.to.include('payroll');
  });

  it('refuses an outsider the Edit form of a draft, so its text is never shown or replaced', async () => {
    const room = await e2e.roomOf(1);
    await e2e.command('update internal', ANA, room);
    await e2e.settle();
    const [draft] = e2e.postsMentioning(room.id, 'Internal update for INC-1');
    expect(draft, 'the draft is in the room').to.not.equal(undefined);
    const views = e2e.slack.views.size;
    await e2e.click(draft!, 'update.edit', CLEO, e2e.general);
    await e2e.settle();
    expect(e2e.slack.views.size, 'no modal opened').to.equal(views);
    expect(JSON.stringify(e2e.slack.responses().at(-1)?.body)).to.match(/cannot see it/);
  });

  it('ignores the channel of a forged modal envelope: the answer does not go where the forger named', async () => {
    const room = await e2e.roomOf(1);
    const [card] = e2e.postsMentioning(room.id, 'Acknowledge');
    await e2e.click(card!, 'incident.severity', ANA, room);
    await e2e.settle();
    const view = e2e.openedView('incident.severity');
    const sealed = JSON.parse(String(view.private_metadata)) as Record<string, unknown>;
    const forged = { ...view, private_metadata: JSON.stringify({ ...sealed, c: e2e.general.id }) };
    expect(new ModalEnvelope(SIGNING_SECRET).unwrap(forged.private_metadata, ANA.id)).not.to.have.property('channelId');
    const general = e2e.slack.messagesIn(e2e.general.id).length;
    expect((await e2e.submit(forged, { severity: 'SEV1' })).status).to.equal(200);
    await e2e.settle();
    expect(e2e.slack.messagesIn(e2e.general.id), 'nothing posted into the forged channel').to.have.length(general);
    expect(JSON.stringify(e2e.slack.messagesIn(e2e.general.id))).not.to.include('SEV1');
  });
});
