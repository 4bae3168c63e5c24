import { expect } from 'chai';
import { ANA, SlackE2E } from './harness';
import { commandFields, type SlackChannel } from './slack-payloads';

/** Slash commands are deduplicated by trigger_id; these are the payloads that arrive without one. */
describe('Slack e2e: /incident without a trigger_id', function () {
  this.timeout(60_000);
  let e2e: SlackE2E;
  let room: SlackChannel;

  before(async () => {
    e2e = await SlackE2E.start();
    await e2e.command('declare "Keyless commands"');
    await e2e.settle();
    room = await e2e.roomOf(1);
  });
  after(() => e2e?.stop());

  const keyless = (text: string): Record<string, string> => {
    const { trigger_id: _dropped, ...fields } = commandFields(e2e.teamId, ANA, room, text, e2e.slack.responseUrl({ channel: room.id, user: ANA.id }));
    return fields;
  };
  const notes = async (text: string) => (await e2e.timeline(1)).filter((e) => e.text.includes(text));

  it('runs two different commands, neither taken for a repeat of the other', async () => {
    const first = await e2e.sender.command(keyless('note First keyless note'));
    const second = await e2e.sender.command(keyless('note Second keyless note'));
    expect([first.status, second.status]).to.deep.equal([200, 200]);
    expect(await notes('First keyless note')).to.have.length(1);
    expect(await notes('Second keyless note'), 'not dropped as a duplicate').to.have.length(1);
    const keys = [...(await notes('First keyless note')), ...(await notes('Second keyless note'))].map((e) => e.idempotencyKey);
    expect(keys.some((k) => k?.includes('undefined'))).to.equal(false);
  });

  it('runs a true redelivery (the same payload again) once', async () => {
    const fields = keyless('note Redelivered keyless note');
    const answers = [await e2e.sender.command(fields), await e2e.sender.command(fields)];
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200]);
    expect(await notes('Redelivered keyless note')).to.have.length(1);
  });
});
