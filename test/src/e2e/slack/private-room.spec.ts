import { expect } from 'chai';
import { ANA, SlackE2E } from './harness';

const everything = (m: { text: string; blocks?: unknown[] }): string => `${m.text}\n${JSON.stringify(m.blocks ?? [])}`;

describe('Slack e2e: a private incident declared in a public channel', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;

  before(async () => {
    e2e = await SlackE2E.start();
  });
  after(() => e2e?.stop());

  it('opens a private room and tells only the declarer about it; the channel and the announcements hear nothing', async () => {
    const answer = await e2e.command('declare "Payroll data exposed" --sev SEV1 --private');
    expect(answer.status).to.equal(200);
    await e2e.settle(60_000);
    const room = await e2e.roomOf(1);
    expect(e2e.slack.channel(room.id)?.isPrivate).to.equal(true);

    const leaked = (id: string) => e2e.slack.messagesIn(id).map(everything).filter((t) => /INC-1\b|payroll|inc-1-/i.test(t));
    expect(leaked(e2e.general.id), 'nothing in the declaring channel names the incident or its room').to.deep.equal([]);
    expect(leaked(e2e.announcements), 'private incidents are never announced').to.deep.equal([]);
    const publicAnswers = e2e.slack.responses().filter((r) => r.body.response_type === 'in_channel').map((r) => JSON.stringify(r.body));
    expect(publicAnswers.filter((t) => /INC-1\b|payroll|inc-1-/i.test(t)), 'nor does any in-channel answer').to.deep.equal([]);

    const toldAna = e2e.slack.ephemeralsIn(e2e.general.id).filter((m) => m.user === ANA.id && everything(m).includes(`has its room: ${room.name}`));
    expect(toldAna, 'the declarer is told privately where the room is').to.have.length(1);
    expect(e2e.slack.ephemeralsIn(e2e.general.id).filter((m) => m.user !== ANA.id && /INC-1\b/.test(everything(m)))).to.deep.equal([]);
  });
});
