import { expect } from 'chai';
import type { MessageRef } from '../../../domain/person';
import { buildApp } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { textOf, type View } from '../../views/view';
import { OutboxDispatcher } from '../outbox-dispatcher';
import { IncidentChanges } from '../../incidents/incident-changes';
import type { ConversationRef } from '../../../domain/person';

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

  it('ends with the latest card when room set-up\'s own redraw (of a link recorded while the card was on its way) reaches the platform last', async () => {
    // What the declare-to-ready bench once saw: a room whose pinned card lacked the PagerDuty page.
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    const outbox = app.container.get(OutboxDispatcher);
    const changes = app.container.get(IncidentChanges);
    const hold = () => { let release!: () => void; const released = new Promise<void>((r) => { release = r; }); let reached!: () => void; const arrived = new Promise<void>((r) => { reached = r; }); return { release, released, reached, arrived }; };
    const cardPost = hold();
    const staleRedraw = hold();
    const post = app.gateway.post.bind(app.gateway);
    const update = app.gateway.update.bind(app.gateway);
    app.gateway.post = async (c: ConversationRef, view: View, o: Parameters<typeof post>[2]) => {
      if (o.idempotencyKey.startsWith('card:')) { cardPost.reached(); await cardPost.released; }
      return post(c, view, o);
    };
    let holdUpdates = false;
    app.gateway.update = async (m: MessageRef, view: View) => {
      if (holdUpdates) { holdUpdates = false; staleRedraw.reached(); await staleRedraw.released; }
      await update(m, view);
    };
    const link = (kind: string, url: string) => (id: string) => changes.applySystem(id, (inc, _tx, now) => { inc.addLink(kind, { title: kind, url }, { platform: 'console', id: 'muster' }, now); return true; });
    const runDue = async () => Promise.all((await outbox.claim(32)).map((m) => outbox.process(m)));

    await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV2');
    const incidentId = (await app.store.repositories.incidents.findByNumber('default', 1))!.id;
    const setUp = runDue();
    await cardPost.arrived;
    await link('ticket', 'https://jira.example/INC-1')(incidentId);
    await runDue(); // the ticket's refresh finds no card to redraw yet
    holdUpdates = true;
    cardPost.release();
    await staleRedraw.arrived; // room set-up redraws the card with the ticket, and that write hangs
    await link('bridge', 'https://zoom.example/j/1')(incidentId);
    await runDue(); // the bridge's refresh draws ticket and bridge, and finishes first
    staleRedraw.release();
    await setUp;
    await app.flush();

    const last = app.gateway.calls.filter((c) => c.method === 'update').at(-1)!;
    const drawn = JSON.stringify(last.args[1]);
    expect(drawn, 'the card as last drawn has the ticket').to.include('jira.example');
    expect(drawn, 'and the bridge recorded after the stale redraw began').to.include('zoom.example');
  });
});
