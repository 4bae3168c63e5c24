import { expect } from 'chai';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { InteractionRouter } from '../commands/interaction-router';
import { buildApp } from '../container/app-harness.spec-helper';
import { defaultSettings, type MusterSettings } from '../container/settings';
import { ACTIONS } from './action-ids';
import { draftVersionRef } from './status-update.view';
import { textOf, type View } from './view';

const everything = (view: View): string => [view.fallback, ...view.blocks.map((b) => (b.type === 'header' ? b.text : b.type === 'text' || b.type === 'context' ? textOf(b.text) : ''))].join('\n');

async function approvedExternalUpdate(settings: MusterSettings) {
  const app = buildApp(settings);
  const commands = app.container.get(CommandDispatcher);
  await commands.handleText(app.ctx('alice'), 'declare Acme Corp payments DB wiped by runaway migration --sev SEV1 --service checkout');
  await app.flush();
  const incident = (await app.store.repositories.incidents.findByNumber('default', 1))!;
  const room = app.ctx('alice', incident.roomOn('console', 'local')!);
  await commands.handleText(room, 'update external');
  await app.flush();
  const draft = (await app.store.repositories.statusUpdates.listByIncident(incident.id))[0]!;
  const card = app.gateway.posts.find((p) => p.view.blocks.some((b) => b.type === 'actions' && b.buttons.some((x) => x.actionId === ACTIONS.approveUpdate)))!;
  const before = app.gateway.posts.length;
  await app.container.get(InteractionRouter).handleAction(room, ACTIONS.approveUpdate, draftVersionRef(draft));
  await app.flush();
  return { app, incident, draft, card: everything(card.view), published: app.gateway.posts.slice(before) };
}

describe('stakeholder updates', () => {
  it('with no stakeholder channel, the approval card says it goes to this room only, and the record says so', async () => {
    const { app, incident, draft, card, published } = await approvedExternalUpdate(defaultSettings());
    expect(card).to.include('No stakeholder channel is configured for external updates: approving publishes to this room only.');
    expect(published.map((p) => p.conversation.conversationId), 'posted only in the incident room').to.deep.equal([incident.roomOn('console', 'local')!.conversationId]);
    const entry = (await app.store.repositories.timeline.list(incident.id)).find((e) => e.kind === 'update_published')!;
    expect(entry.text).to.match(/no stakeholder channel is configured for external updates, so only this room got it/);
    const stored = (await app.store.repositories.statusUpdates.findById(draft.id))!;
    expect(stored.publishedTo.map((t) => t.kind)).to.deep.equal(['console-incident-room']);
  });

  it('heads an external update for customers: never the internal title or reference', async () => {
    const settings = defaultSettings({ stakeholderChannels: { internal: [], external: [{ platform: 'console', workspaceId: 'local', conversationId: 'status-updates' }] } });
    const { card, published } = await approvedExternalUpdate(settings);
    expect(card).to.include('Approving publishes to 1 stakeholder channel for external updates and to this room.');
    const external = published.find((p) => p.conversation.conversationId === 'status-updates')!;
    expect(external.view.blocks[0]).to.deep.equal({ type: 'header', text: 'Service update: checkout' });
    // The body is the approved text (this test's summarizer echoes the title into it); the heading and the rest are Muster's.
    const ours = [external.view.fallback.split('\n')[0], ...external.view.blocks.filter((b) => b.type !== 'text').map((b) => (b.type === 'header' ? b.text : b.type === 'context' ? textOf(b.text) : ''))].join('\n');
    for (const leak of ['INC-1', 'Acme', 'wiped', 'migration', 'SEV1']) expect(ours, leak).not.to.include(leak);
    const titled = await approvedExternalUpdate({ ...settings, publicUpdateTitle: 'Example Cloud status' });
    expect(titled.published.find((p) => p.conversation.conversationId === 'status-updates')!.view.blocks[0]).to.deep.equal({ type: 'header', text: 'Example Cloud status: checkout' });
  });
});
