import { expect } from 'chai';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { InteractionRouter } from '../commands/interaction-router';
import { buildApp } from '../container/app-harness.spec-helper';
import { ACTIONS } from '../views/action-ids';
import { draftVersionRef } from '../views/status-update.view';
import { ActionPreflight } from './action-preflight';
import { RoomDirectory } from './room-directory';

async function withDraft() {
  const app = buildApp();
  const commands = app.container.get(CommandDispatcher);
  await commands.handleText(app.ctx('alice'), 'declare Checkout errors --sev SEV2');
  await app.flush();
  const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
  const room = (who: string) => app.ctx(who, incident.roomOn('console', 'local')!);
  await commands.handleText(room('alice'), 'update internal');
  await app.flush();
  const draft = (await app.store.repositories.statusUpdates.listByIncident(incident.id))[0]!;
  return { app, commands, incident, room, draft, preflight: app.container.get(ActionPreflight) };
}

describe('ActionPreflight', () => {
  it('answers before any confirmation whether the presser may, without changing anything', async () => {
    const { app, incident, room, draft, preflight } = await withDraft();
    expect(await preflight.check(room('alice'), ACTIONS.approveUpdate, draftVersionRef(draft))).to.deep.equal({ allowed: true });
    const refused = await preflight.check(room('mallory'), ACTIONS.approveUpdate, draftVersionRef(draft));
    expect(refused.allowed).to.equal(false);
    expect(refused.allowed === false && refused.message).to.match(/Only the Incident Commander or Communications Lead can approve/);
    expect((await preflight.check(room('mallory'), ACTIONS.resolve, incident.id)).allowed).to.equal(false);
    expect((await app.store.repositories.statusUpdates.findById(draft.id))!.state, 'asking changes nothing').to.equal('pending_approval');
    expect((await app.store.repositories.incidents.findById(incident.id))!.status).to.equal('triage');
  });

  it('refuses the buttons of a decided or edited draft, and of an id nobody can see', async () => {
    const { app, room, draft, preflight } = await withDraft();
    await app.container.get(InteractionRouter).handleAction(room('alice'), ACTIONS.rejectUpdate, draft.id);
    const decided = await preflight.check(room('alice'), ACTIONS.approveUpdate, draftVersionRef(draft));
    expect(decided.allowed === false && decided.message).to.match(/already rejected; its buttons no longer do anything/);
    const forged = await preflight.check(room('alice'), ACTIONS.approveUpdate, 'no-such-update@0');
    expect(forged.allowed).to.equal(false);
    const stale = await withDraft();
    await stale.app.container.get(InteractionRouter).handleForm(stale.room('alice'), 'update.edit', { body: 'Checkout is recovering.' }, draftVersionRef(stale.draft));
    const old = await stale.preflight.check(stale.room('alice'), ACTIONS.approveUpdate, draftVersionRef(stale.draft));
    expect(old.allowed === false && old.message).to.match(/changed since this card was shown/);
  });
});

describe('RoomDirectory', () => {
  it('lists incident rooms from the store with current severity, and hides private ones from outsiders', async () => {
    const { app, commands, room } = await withDraft();
    await commands.handleText(room('alice'), 'sev SEV1');
    await commands.handleText(app.ctx('bob'), 'declare Secret breach --private');
    await app.flush();
    const directory = app.container.get(RoomDirectory);
    const seen = await directory.list(app.ctx('mallory'));
    expect(seen.map((e) => [e.reference, e.severity])).to.deep.equal([['INC-1', 'SEV1']]);
    expect((await directory.list(app.ctx('bob'))).map((e) => e.reference)).to.deep.equal(['INC-1', 'INC-2']);
  });
});
