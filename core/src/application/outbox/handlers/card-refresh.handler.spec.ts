import { expect } from 'chai';
import type { MessageRef } from '../../../domain/person';
import { buildApp } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { textOf, type View } from '../../views/view';
import { OutboxDispatcher } from '../outbox-dispatcher';

const cardText = (view: View) => view.blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? textOf(b.text) : b.type === 'fields' ? b.fields.map((f) => textOf(f.value)).join(' ') : '')).join('\n');

describe('card refresh (outbox handler) beside another refresh of the same incident', () => {
  it('ends with the card showing the latest version, although the refresh that read an older one finished last', async () => {
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    const outbox = app.container.get(OutboxDispatcher);
    await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV2');
    await app.flush();
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    const room = incident.roomOn('console', 'local')!;

    // The first card update of the next change hangs on the platform until released.
    const update = app.gateway.update.bind(app.gateway);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let holdNext = true;
    app.gateway.update = async (m: MessageRef, view: View) => {
      if (holdNext) { holdNext = false; await held; }
      await update(m, view);
    };

    await commands.handleText(app.ctx('alice', room), 'ack');
    const [older] = await outbox.claim(1);
    expect(older!.topic).to.equal('card.refresh');
    const first = outbox.process(older!);
    await commands.handleText(app.ctx('alice', room), 'sev SEV1');
    await app.flush();
    const lastBefore = app.gateway.calls.filter((c) => c.method === 'update').at(-1)!;
    expect(cardText(lastBefore.args[1] as View), 'the newer refresh drew SEV1').to.include('SEV1');

    release();
    expect(await first).to.equal('done');
    const last = app.gateway.calls.filter((c) => c.method === 'update').at(-1)!;
    expect(cardText(last.args[1] as View), 'the older refresh drew again once it saw the change').to.include('SEV1');
  });
});
