import { PassThrough } from 'node:stream';
import type { Button, View } from '@muster/core';
import { expect } from 'chai';
import { createConsoleTransport } from './console-transport';

function transportWithOutput() {
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
  const transport = createConsoleTransport({ output });
  /** What was printed since the last call (PassThrough delivers on a later tick). */
  const take = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const text = printed;
    printed = '';
    return text;
  };
  return { ...transport, take };
}

const card = (status: string, buttons: Button[] = []): View => ({
  fallback: `INC-1 ${status}`,
  blocks: [
    { type: 'header', text: 'INC-1 · SEV1 · Checkout errors' },
    { type: 'fields', fields: [{ label: 'Status', value: [status] }, { label: 'Severity', value: ['SEV1'] }] },
    { type: 'context', text: ['Declared 09:00 UTC'] },
    ...(buttons.length ? [{ type: 'actions' as const, buttons }] : []),
  ],
});
const ack: Button = { actionId: 'incident.ack', label: 'Acknowledge', value: 'i1' };
const mitigate: Button = { actionId: 'incident.mitigate', label: 'Mitigated', value: 'i1' };
const room = (name: string, key = name) => ({ workspaceId: 'local', name, private: false, topic: 'INC-1 · SEV1 · Checkout errors', idempotencyKey: key });

describe('ConsoleChatGateway', () => {
  it('opens #rooms with unique names, announces each once, and returns the same room for a retried key', async () => {
    const t = transportWithOutput();
    const first = await t.gateway.createRoom(room('inc-1-checkout-errors', 'k1'));
    const clash = await t.gateway.createRoom(room('inc-1-checkout-errors', 'k2'));
    const again = await t.gateway.createRoom(room('inc-1-checkout-errors', 'k2'));
    expect(first).to.deep.include({ platform: 'console', workspaceId: 'local', conversationId: 'inc-1-checkout-errors', name: '#inc-1-checkout-errors' });
    expect(clash.conversationId).to.equal('inc-1-checkout-errors-2');
    expect(again).to.deep.equal(clash);
    expect(await t.take()).to.equal('📣 Room #inc-1-checkout-errors opened\n📣 Room #inc-1-checkout-errors-2 opened\n');
    expect(t.rooms.find('INC-1')?.name).to.equal('#inc-1-checkout-errors');
  });

  it('makes names valid for a chat platform', async () => {
    const t = transportWithOutput();
    expect((await t.gateway.createRoom(room('INC 7: Ünïcode & spaces!!'))).conversationId).to.equal('inc-7-unicode-spaces');
  });

  it('prints a post under [#room] with sequential message ids, and a retried post not at all', async () => {
    const t = transportWithOutput();
    const ref = await t.gateway.createRoom(room('inc-1-checkout-errors'));
    await t.take();
    const one = await t.gateway.post(ref, card('🔴 Triage', [ack]), { idempotencyKey: 'card:1' });
    const two = await t.gateway.post(ref, { fallback: 'hello', blocks: [{ type: 'text', text: ['hello'] }] }, { idempotencyKey: 'note:1' });
    const retried = await t.gateway.post(ref, card('🔴 Triage', [ack]), { idempotencyKey: 'card:1' });
    expect([one.messageId, two.messageId]).to.deep.equal(['1', '2']);
    expect(retried).to.deep.equal(one);
    const printed = await t.take();
    expect(printed.match(/INC-1 · SEV1 · Checkout errors/g)).to.have.length(1);
    expect(printed).to.contain('[#inc-1-checkout-errors]\n  INC-1 · SEV1 · Checkout errors\n');
    expect(printed).to.contain('[#inc-1-checkout-errors] hello\n');
    expect(t.terminal.latestButtons()).to.deep.equal([ack]);
  });

  it('notes an updated card in one line with its heading and status, and lists the buttons again only when they changed', async () => {
    const t = transportWithOutput();
    const ref = await t.gateway.createRoom(room('inc-1-checkout-errors'));
    const message = await t.gateway.post(ref, card('🔴 Triage', [ack, mitigate]), { idempotencyKey: 'card:1' });
    await t.take();
    await t.gateway.update(message, card('🔴 Triage', [ack, mitigate]));
    expect(await t.take(), 'an unchanged card is not noise worth printing').to.equal('');
    await t.gateway.update(message, card('🟠 Investigating', [mitigate]));
    expect(await t.take()).to.equal('[#inc-1-checkout-errors]\n  ↻ Card updated: INC-1 · SEV1 · Checkout errors — 🟠 Investigating\n  [1] Mitigated\n');
    expect(t.terminal.latestButtons()).to.deep.equal([mitigate]);
    const sameButtons = card('🟡 Mitigated', [mitigate]);
    await t.gateway.update(message, sameButtons);
    expect(await t.take()).to.equal('[#inc-1-checkout-errors] ↻ Card updated: INC-1 · SEV1 · Checkout errors — 🟡 Mitigated\n');
  });

  it('prints invites, topic, pin, bookmark, archive and ephemeral messages as one short line each', async () => {
    const t = transportWithOutput();
    const ref = await t.gateway.createRoom(room('inc-1-checkout-errors'));
    await t.take();
    const people = [{ platform: 'console' as const, id: 'you', name: 'you' }, { platform: 'console' as const, id: 'ops', name: 'ops' }];
    await t.gateway.invite(ref, people);
    await t.gateway.invite(ref, people);
    await t.gateway.setTopic(ref, 'INC-1 · SEV2 · Checkout errors');
    await t.gateway.pin({ conversation: ref, messageId: '7' });
    await t.gateway.bookmark(ref, { title: 'DB runbook', url: 'https://runbooks.example/db' });
    await t.gateway.postEphemeral(ref, people[0]!, { fallback: 'psst', blocks: [{ type: 'text', text: ['psst'] }] });
    await t.gateway.archive(ref);
    expect((await t.take()).split('\n')).to.deep.equal([
      '[#inc-1-checkout-errors] 👥 Invited @you, @ops',
      '[#inc-1-checkout-errors] 📝 Topic: INC-1 · SEV2 · Checkout errors',
      '[#inc-1-checkout-errors] 📌 Pinned message 7',
      '[#inc-1-checkout-errors] 🔖 Bookmarked: DB runbook <https://runbooks.example/db>',
      '[#inc-1-checkout-errors (only @you)] psst',
      '[#inc-1-checkout-errors] 🗄 Room archived',
      '',
    ]);
    expect(t.rooms.find('#inc-1-checkout-errors')?.archived).to.equal(true);
  });

  it('posts to a conversation it never opened (a configured announcement channel) by adding it', async () => {
    const t = transportWithOutput();
    await t.gateway.post({ platform: 'console', workspaceId: 'local', conversationId: 'announcements' }, { fallback: 'x', blocks: [{ type: 'text', text: ['🚨 INC-2 declared'] }] }, { idempotencyKey: 'a' });
    expect(await t.take()).to.equal('[#announcements] 🚨 INC-2 declared\n');
  });
});
