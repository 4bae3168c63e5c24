import { expect } from 'chai';
import { ModalEnvelope } from '@muster/slack';
import { ANA, BOB, SIGNING_SECRET, SlackE2E } from './harness';

const envelope = new ModalEnvelope(SIGNING_SECRET);

/** Every mrkdwn text in a message's blocks: what Slack parses for mentions and links. */
function parsedTexts(blocks: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') found.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return found;
}

describe('Slack e2e: modals, shortcuts and escaping', function () {
  this.timeout(90_000);
  let e2e: SlackE2E;

  before(async () => {
    e2e = await SlackE2E.start();
  });
  after(() => e2e?.stop());

  it('opens the declare modal for /incident declare without a title, remembering the channel it came from', async () => {
    const answer = await e2e.command('declare');
    expect(answer.status).to.equal(200);
    expect(answer.text, 'nothing posted in the channel yet').to.equal('');
    await e2e.settle();
    const view = e2e.openedView('incident.declare');
    expect(e2e.slack.calls('views.open').at(-1)?.args.trigger_id).to.be.a('string').and.not.equal('');
    expect(envelope.unwrap(String(view.private_metadata), ANA.id)).to.include({ channelId: e2e.general.id });
  });

  it('answers a submission with an invalid field with response_action: errors, and declares nothing', async () => {
    const view = e2e.openedView('incident.declare');
    const answer = await e2e.submit(view, { title: '   ', severity: 'SEV2' });
    expect(answer.status).to.equal(200);
    expect(answer.json?.response_action).to.equal('errors');
    expect(Object.keys(answer.json?.errors as object)).to.deep.equal(['title']);
    expect(String((answer.json?.errors as Record<string, string>).title)).to.include('what is wrong');
    expect(await e2e.store.repositories.incidents.list()).to.have.length(0);
  });

  it('declares from the modal, answers in the channel it was opened from, and renders <!channel> in the title literally', async () => {
    const view = e2e.openedView('incident.declare');
    const answer = await e2e.submit(view, { title: '<!channel> checkout down', severity: 'SEV2', services: ['checkout'], private: false });
    expect(answer.status).to.equal(200);
    expect(answer.text, 'the modal closes').to.equal('');
    await e2e.settle();
    const [declared] = e2e.postsMentioning(e2e.general.id, 'INC-1 declared');
    expect(JSON.stringify(declared?.blocks), 'the answer in #general, escaped').to.include('&lt;!channel&gt; checkout down');
    const room = await e2e.roomOf(1);
    const [card] = e2e.postsMentioning(room.id, 'Acknowledge');
    const [announcement] = e2e.postsMentioning(e2e.announcements, 'INC-1');
    for (const message of [declared, card, announcement]) {
      // Slack parses mrkdwn text and the notification text; plain_text (the card's header) is never parsed.
      expect(parsedTexts(message?.blocks).filter((t) => t.includes('<!')), 'a mrkdwn text that would ping').to.deep.equal([]);
      expect(message?.text).to.not.include('<!channel>');
    }
    expect(JSON.stringify(card?.blocks)).to.include('<!channel> checkout down', 'the title, shown as typed in the plain_text header');
    expect(e2e.slack.channel(room.id)?.topic).to.include('&lt;!channel&gt;');
  });

  it('changes severity through the card\'s button and its modal, answering in the incident room', async () => {
    const room = await e2e.roomOf(1);
    const [card] = e2e.postsMentioning(room.id, 'Acknowledge');
    await e2e.click(card!, 'incident.severity', ANA, room);
    await e2e.settle();
    const view = e2e.openedView('incident.severity');
    expect(envelope.unwrap(String(view.private_metadata), ANA.id)).to.include({ channelId: room.id, metadata: (await e2e.incident(1)).id });
    expect((await e2e.submit(view, { severity: 'SEV1' })).status).to.equal(200);
    await e2e.settle();
    expect((await e2e.incident(1)).severity).to.equal('SEV1');
    expect(e2e.postsMentioning(room.id, 'is now SEV1')).to.have.length(1);
  });

  it('assigns a role with the person picker in the assign modal', async () => {
    const room = await e2e.roomOf(1);
    const [card] = e2e.postsMentioning(room.id, 'Acknowledge');
    await e2e.click(card!, 'incident.assign', ANA, room);
    await e2e.settle();
    const view = e2e.openedView('incident.assign');
    const missing = await e2e.submit(view, { role: 'operations_lead' });
    expect(missing.json?.response_action).to.equal('errors');
    expect(Object.keys(missing.json?.errors as object)).to.deep.equal(['person']);
    await e2e.submit(view, { role: 'operations_lead', person: BOB.id });
    await e2e.settle();
    expect((await e2e.incident(1)).snapshot().roles.find((r) => r.role === 'operations_lead')?.person.id).to.equal(BOB.id);
  });

  it('opens the same declare modal from the global shortcut, and answers by direct message', async () => {
    expect((await e2e.globalShortcut('incident.declare', BOB)).status).to.equal(200);
    await e2e.settle();
    const view = e2e.openedView('incident.declare');
    expect(envelope.unwrap(String(view.private_metadata), BOB.id)).to.not.have.property('channelId');
    await e2e.submit(view, { title: 'Login page blank', severity: 'SEV3' }, BOB);
    await e2e.settle();
    expect((await e2e.incident(2)).title).to.equal('Login page blank');
    expect(e2e.postsMentioning(`dm-${BOB.id.toLowerCase()}`, 'INC-2 declared')).to.have.length(1);
  });
});
