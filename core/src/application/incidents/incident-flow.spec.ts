import { expect } from 'chai';
import { RateLimitedError } from '../../errors';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { InteractionRouter } from '../commands/interaction-router';
import type { CommandReply } from '../commands/command-reply';
import { CaptureConversation } from '../services/capture-conversation';
import { buildApp, person } from '../container/app-harness.spec-helper';
import { ACTIONS } from '../views/action-ids';
import { draftVersionRef } from '../views/status-update.view';
import { textOf, type View } from '../views/view';

const text = (reply: CommandReply): string => viewText(reply.view);
const viewText = (view: View | undefined): string =>
  (view?.blocks ?? []).map((b) => (b.type === 'text' || b.type === 'context' ? textOf(b.text) : b.type === 'header' ? b.text : b.type === 'list' ? b.items.map(textOf).join('\n') : b.type === 'fields' ? b.fields.map((f) => `${f.label}: ${textOf(f.value)}`).join('\n') : '')).join('\n');

describe('incident flow through the application layer', () => {
  async function declaredInRoom() {
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    const reply = await commands.handleText(app.ctx('alice'), '/incident declare "Checkout errors" --sev SEV2 --service checkout');
    expect(reply.visibility).to.equal('in_channel');
    expect(text(reply)).to.match(/INC-1 declared: Checkout errors \(SEV2\)/);
    await app.flush();
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    const room = incident.roomOn('console', 'local')!;
    return { app, commands, incident, room, inRoom: (who: string) => app.ctx(who, room) };
  }

  it('declares, opens the room with the card pinned and the declarer invited, and tells the lobby', async () => {
    const { app, room, incident } = await declaredInRoom();
    expect(room.name).to.equal('inc-1-checkout-errors');
    expect(room.cardMessageId, 'card id remembered for updates').to.be.a('string');
    const methods = app.gateway.calls.map((c) => c.method);
    expect(methods).to.include.members(['createRoom', 'invite', 'post', 'pin']);
    expect(app.gateway.calls.find((c) => c.method === 'invite')!.args[1]).to.deep.equal([person('alice')]);
    expect(app.gateway.postedTexts('lobby').join()).to.match(/INC-1 has its room: inc-1-checkout-errors/);
    expect(incident.holdersOf('commander')).to.deep.equal([person('alice')]);
  });

  it('runs the response: roles, permissions, severity, notes, follow-ups, resolve, postmortem', async () => {
    const { app, commands, inRoom } = await declaredInRoom();
    expect(text(await commands.handleText(inRoom('alice'), 'assign ops @bob'))).to.match(/bob is now Operations Lead on INC-1/);
    const refused = await commands.handleText(inRoom('carol'), 'resolve');
    expect(refused.visibility).to.equal('ephemeral');
    expect(text(refused)).to.match(/Only the Incident Commander or Operations Lead can resolve on INC-1\. Ask alice/);
    app.clock.advance(3);
    expect(text(await commands.handleText(inRoom('bob'), 'ack'))).to.match(/INC-1 is now acknowledged .* Time to acknowledge: 3m 00s/);
    expect(text(await commands.handleText(inRoom('alice'), 'sev SEV1'))).to.match(/INC-1 is now SEV1/);
    expect(text(await commands.handleText(inRoom('carol'), 'note rolled back deploy 1234'))).to.match(/Noted/);
    expect(text(await commands.handleText(inRoom('carol'), 'action add a canary stage @bob'))).to.match(/Follow-up on INC-1: add a canary stage — owner @bob/);
    await app.container.get(CaptureConversation).message({ room: inRoom('x').conversation!, messageId: '1.1', author: person('carol'), text: 'error rate back to normal', sentAt: app.clock.now(), idempotencyKey: 'console:m1' });
    app.clock.advance(40);
    expect(text(await commands.handleText(inRoom('alice'), 'resolve'))).to.match(/INC-1 is now resolved .* Time to resolve: 43m 00s/);
    await app.flush();
    const pm = await commands.handleText(inRoom('alice'), 'postmortem');
    const md = pm.document!.markdown;
    expect(md).to.include('| Time to acknowledge | 3m 00s |');
    expect(md).to.include('| Time to resolve | 43m 00s |');
    expect(md).to.include('postmortem_narrative of Checkout errors', 'the drafted narrative is in the document');
    for (const line of ['Severity SEV2 → SEV1.', 'bob is now Operations Lead.', 'rolled back deploy 1234', 'Follow-up: add a canary stage', 'error rate back to normal', 'Status investigating → resolved.']) {
      expect(md).to.include(line);
    }
    expect(md).to.include('- [ ] add a canary stage (owner: bob)');
    const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
    expect(incident.status, 'reading the postmortem changes nothing').to.equal('resolved');
  });

  it('reopens a mitigation that did not hold, but not an incident still under investigation', async () => {
    const { commands, inRoom } = await declaredInRoom();
    await commands.handleText(inRoom('alice'), 'ack');
    expect(text(await commands.handleText(inRoom('alice'), 'reopen'))).to.match(/INC-1 is already under investigation\. From here you can mitigate or resolve it\./);
    await commands.handleText(inRoom('alice'), 'mitigate');
    const reopened = text(await commands.handleText(inRoom('alice'), 'reopen'));
    expect(reopened).to.match(/INC-1 is reopened and back under investigation/);
    expect(reopened, 'a reopen is no acknowledgement').not.to.match(/acknowledged/);
  });

  it('captures a burst of room messages with redeliveries once each, and one bad message fails alone', async () => {
    const { app, room, incident } = await declaredInRoom();
    const capture = app.container.get(CaptureConversation);
    const message = (n: number, key = `slack:Ev${n}`) => ({ room, messageId: `1.${n}`, author: person('bob'), text: `message ${n}`, sentAt: app.clock.now(), idempotencyKey: key });
    const burst = [...Array.from({ length: 40 }, (_, n) => message(n)), message(3), message(7), message(40, 'x'.repeat(600))];
    const results = await Promise.all(burst.map((m) => capture.message(m).catch((e: Error) => e.message)));
    expect(results.filter((r) => r === 'stored'), JSON.stringify(results.slice(0, 5))).to.have.length(40);
    expect(results.filter((r) => r === 'duplicate')).to.have.length(2);
    expect(results[42]).to.match(/idempotency key/i);
    const lobbyMessage = await capture.message({ ...message(99), room: app.lobby });
    expect(lobbyMessage).to.equal('not_an_incident_room');
    const stored = (await app.store.repositories.timeline.list(incident.id)).filter((e) => e.kind === 'message');
    expect(stored.map((e) => e.text).sort()).to.deep.equal(Array.from({ length: 40 }, (_, n) => `message ${n}`).sort());
  });

  it('handles a redelivered request once', async () => {
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    const ctx = app.ctx('alice');
    await commands.handleText(ctx, 'declare Disk full on db-3');
    const again = await commands.handleText(ctx, 'declare Disk full on db-3');
    expect(text(again)).to.match(/INC-1 was already declared from this request/);
    expect(await app.store.repositories.incidents.list()).to.have.length(1);
  });

  it('gives one of two simultaneous resolves a clear answer instead of a lost update', async () => {
    const { commands, inRoom } = await declaredInRoom();
    const [a, b] = await Promise.all([commands.handleText(inRoom('alice'), 'resolve'), commands.handleText(inRoom('alice'), 'resolve')]);
    const texts = [text(a), text(b)].sort();
    expect(texts[0]).to.match(/INC-1 is already resolved\. From here you can reopen or close it\./);
    expect(texts[1]).to.match(/INC-1 is now resolved/);
  });

  it('drafts a stakeholder update that only the right role can approve, then publishes it', async () => {
    const { app, commands, inRoom } = await declaredInRoom();
    expect(text(await commands.handleText(inRoom('carol'), 'update external'))).to.match(/nothing is sent before that/);
    await app.flush();
    const draft = (await app.store.repositories.statusUpdates.listByIncident((await app.store.repositories.incidents.findByNumber('default', 1))!.id))[0]!;
    expect(draft.state).to.equal('pending_approval');
    const approval = app.gateway.posts.find((p) => p.view.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.actionId === ACTIONS.approveUpdate)))!;
    expect(approval, 'the draft is shown with Approve/Edit/Reject').to.not.equal(undefined);
    const router = app.container.get(InteractionRouter);
    expect(text(await router.handleAction(inRoom('carol'), ACTIONS.approveUpdate, draftVersionRef(draft)))).to.match(/Only the Incident Commander or Communications Lead can approve/);
    await commands.handleText(inRoom('alice'), 'assign comms @carol');
    const approved = await router.handleAction(inRoom('carol'), ACTIONS.approveUpdate, draftVersionRef(draft));
    expect(approved.replaceOriginal).to.equal(true);
    expect(text(approved)).to.match(/Approved by @carol; publishing/);
    await app.flush();
    const published = (await app.store.repositories.statusUpdates.findById(draft.id))!;
    expect(published.state).to.equal('published');
    expect(published.decidedBy).to.deep.equal(person('carol'));
    const timeline = await app.store.repositories.timeline.list(draft.incidentId);
    expect(timeline.map((e) => e.kind)).to.include('update_published');
  });

  it('retries room set-up after a rate limit no sooner than asked, and finishes it', async () => {
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    app.gateway.failNext = [new RateLimitedError(90_000, 'conversations.create')];
    await commands.handleText(app.ctx('alice'), 'declare API latency');
    await app.flush();
    expect((await app.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console')).to.equal(undefined);
    app.clock.advance(1);
    await app.flush();
    expect((await app.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console'), 'not before Retry-After').to.equal(undefined);
    app.clock.advance(1);
    await app.flush();
    expect((await app.store.repositories.incidents.findByNumber('default', 1))!.roomOn('console')?.name).to.equal('inc-1-api-latency');
  });

  it('answers bad input with what to type, never an exception', async () => {
    const app = buildApp();
    const commands = app.container.get(CommandDispatcher);
    const reply = await commands.handleText(app.ctx('alice'), '/incident resolv');
    expect(reply.visibility).to.equal('ephemeral');
    expect(text(reply)).to.match(/resolve/);
    expect(text(await commands.handleText(app.ctx('alice'), 'resolve'))).to.match(/not an incident room.*INC-42/);
  });
});
