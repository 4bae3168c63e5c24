import { expect } from 'chai';
import type { MessageRef } from '../../../domain/person';
import type { StatusUpdate } from '../../../domain/status-update';
import { buildApp } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { StatusUpdates } from '../../services/status-updates';
import type { View } from '../../views/view';
import { outboxMessage } from '../topics';

async function roomWithDraft() {
  const app = buildApp();
  const commands = app.container.get(CommandDispatcher);
  await commands.handleText(app.ctx('alice'), 'declare "Checkout errors" --sev SEV2');
  await app.flush();
  const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
  await commands.handleText(app.ctx('alice', incident.roomOn('console', 'local')!), 'INC-1 update external');
  await app.flush();
  const [draft] = await app.store.repositories.statusUpdates.listByIncident(incident.id);
  const card = app.gateway.posts.find((p) => JSON.stringify(p.view).includes('External update for INC-1'));
  const redraw = async (update: StatusUpdate) => {
    await app.store.repositories.outbox.enqueue([outboxMessage('update.card', { updateId: update.id }, `web:${update.id}:${update.version}`, app.clock.now())]);
    await app.flush();
  };
  /** Redrawn draft cards (the incident's own card is redrawn too, after other changes). */
  const updates = () => app.gateway.calls.filter((c) => c.method === 'update').map((c) => ({ ref: c.args[0] as MessageRef, view: c.args[1] as View }))
    .filter((u) => u.view.fallback.startsWith('External update for INC-1'));
  return { app, incident, draft: draft!, card, redraw, updates };
}

describe('UpdateCardHandler: a decision made off chat redraws the draft card in the room', () => {
  it('redraws the card the drafting job posted, as the update now is, and only that card', async () => {
    const { app, draft, card, redraw, updates } = await roomWithDraft();
    expect(card, 'the draft was put up in the room').to.not.equal(undefined);
    const { update } = await app.container.get(StatusUpdates).approve(app.ctx('alice'), draft.id, draft.version);
    await redraw(update);
    const [redrawn, ...more] = updates();
    expect(more).to.deep.equal([]);
    expect(redrawn!.ref.conversation.conversationId).to.equal(card!.conversation.conversationId);
    const text = JSON.stringify(redrawn!.view);
    expect(text).to.not.include('Approve & publish');
    expect(text).to.match(/Published to|Approved by/);
  });

  it('redraws nothing for a draft no drafting job put up (written by a person), or an update that no longer exists', async () => {
    const { app, incident, redraw, updates } = await roomWithDraft();
    const written = await app.store.unitOfWork.run((tx) => app.container.get(StatusUpdates).createDraft(tx, incident, 'internal', 'Written by hand', { kind: 'person', person: { platform: 'console', id: 'alice' } }));
    await redraw(written);
    await redraw({ ...written, id: 'gone' });
    expect(updates()).to.deep.equal([]);
    const redraws = [...app.store.database.outbox.values()].filter((r) => r.topic === 'update.card');
    expect(redraws.map((r) => [r.dead, !!r.completedAt]), 'nothing to redraw is done, not a failure').to.deep.equal([[false, true], [false, true]]);
  });
});
