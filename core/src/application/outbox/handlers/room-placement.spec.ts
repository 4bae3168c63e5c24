import { expect } from 'chai';
import type { ConversationRef } from '../../../domain/person';
import { buildApp, RecordingGateway } from '../../container/app-harness.spec-helper';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import type { RequestContext } from '../../incidents/request-context';
import { defaultSettings, type RoomPlacement } from '../../container/settings';
import { incidentCardView } from '../../views/incident-card.view';
import { textOf, type View } from '../../views/view';

const slackChannel: ConversationRef = { platform: 'slack', workspaceId: 'T1', conversationId: 'C-eng', name: 'eng' };
const teamsAnnounce: ConversationRef = { platform: 'teams', workspaceId: 'tenant-1', conversationId: '19:announce@thread.tacv2', name: 'Announcements' };
const viewText = (view: View) => view.blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? textOf(b.text) : 'fields' in b ? b.fields.map((f) => `${f.label}: ${textOf(f.value)}`).join('\n') : '')).join('\n');

/** One organization, engineers on Slack, the business on Teams; Teams is home. */
function app(roomPlacement: RoomPlacement) {
  const slack = new RecordingGateway('slack');
  const teams = new RecordingGateway('teams');
  const settings = defaultSettings({ homePlatform: 'teams', homeWorkspaceId: 'tenant-1', roomPlacement, announcementChannels: [teamsAnnounce] });
  const built = buildApp(settings, { others: [slack, teams] });
  let n = 0;
  const ctx = (): RequestContext => ({ actor: { platform: 'slack', id: 'U1', name: 'alice' }, platform: 'slack', workspaceId: 'T1', conversation: slackChannel, idempotencyKey: `slack:r${++n}`, prefix: '/incident' });
  const declare = async (text: string) => { await built.container.get(CommandDispatcher).handleText(ctx(), text); await built.flush(); };
  const incident = async () => (await built.store.repositories.incidents.findByNumber('default', 1))!;
  return { ...built, slack, teams, declare, incident, settings };
}

describe('rooms across Slack and Teams (roomPlacement)', () => {
  it('declared: the room opens only where the incident was declared', async () => {
    const a = app('declared');
    await a.declare('declare "Checkout errors"');
    const rooms = (await a.incident()).snapshot().links.rooms;
    expect(rooms.map((r) => r.platform)).to.deep.equal(['slack']);
    expect(a.teams.calls.filter((c) => c.method === 'createRoom')).to.have.length(0);
  });

  it('home: declared in Slack, the room opens in Teams, and the Slack channel is told where it is', async () => {
    const a = app('home');
    await a.declare('declare "Checkout errors"');
    const rooms = (await a.incident()).snapshot().links.rooms;
    expect(rooms.map((r) => `${r.platform}:${r.workspaceId}`)).to.deep.equal(['teams:tenant-1']);
    expect(a.slack.calls.filter((c) => c.method === 'createRoom'), 'no Slack room').to.have.length(0);
    expect(a.slack.postedTexts('C-eng').join('\n')).to.match(/INC-1 has its room on Teams: inc-1-checkout-errors/);
  });

  it('both: one incident, a room on each platform, one card per room naming both rooms, announced once', async () => {
    const a = app('both');
    await a.declare('declare "Checkout errors"');
    const incident = await a.incident();
    expect(incident.snapshot().links.rooms.map((r) => r.platform).sort()).to.deep.equal(['slack', 'teams']);
    const card = viewText(incidentCardView(incident, a.settings));
    expect(card).to.match(/Rooms: Slack: inc-1-checkout-errors · Teams: inc-1-checkout-errors/);
    // Each room got its own card, once, and the Teams announcement names the Teams room first.
    expect(a.slack.posts.filter((p) => p.key.startsWith('card:'))).to.have.length(1);
    expect(a.teams.posts.filter((p) => p.key.startsWith('card:'))).to.have.length(1);
    const announced = a.teams.postedTexts(teamsAnnounce.conversationId);
    expect(announced).to.have.length(1);
    // Redelivering the declaration changes nothing.
    await a.flush();
    expect(a.teams.calls.filter((c) => c.method === 'createRoom')).to.have.length(1);
    expect(a.slack.calls.filter((c) => c.method === 'createRoom')).to.have.length(1);
  });

  it('both, private: the other platform\'s room opens, but nothing about it reaches the channel it was declared in', async () => {
    const a = app('both');
    await a.declare('declare "Payroll leak" --private');
    expect(a.slack.postedTexts('C-eng').join('\n')).to.not.match(/INC-1|payroll/i);
    expect(a.teams.postedTexts(teamsAnnounce.conversationId), 'private incidents are never announced').to.deep.equal([]);
    const told = a.slack.calls.filter((c) => c.method === 'postEphemeral').map((c) => viewText(c.args[2] as View)).join('\n');
    expect(told).to.match(/INC-1 has its room: /);
  });

  it('a room opened as a thread of the channel it was declared in is not announced there a second time; one elsewhere is', async () => {
    const a = app('declared');
    // Slack standing in for a platform whose rooms are threads (Teams without Graph).
    a.slack.createRoom = async (r) => ({ platform: 'slack', workspaceId: r.workspaceId, conversationId: `${slackChannel.conversationId};messageid=9`, name: r.name, parentConversationId: slackChannel.conversationId });
    await a.declare('declare "Checkout errors"');
    expect((await a.incident()).snapshot().links.rooms[0]).to.include({ parentConversationId: 'C-eng' });
    expect(a.slack.postedTexts('C-eng').join('\n')).to.not.match(/has its room/);

    const b = app('declared');
    b.slack.createRoom = async (r) => ({ platform: 'slack', workspaceId: r.workspaceId, conversationId: 'C-incidents;messageid=9', name: r.name, parentConversationId: 'C-incidents' });
    await b.declare('declare "Checkout errors"');
    expect(b.slack.postedTexts('C-eng').join('\n')).to.match(/INC-1 has its room: inc-1-checkout-errors/);

    // Declared in a reply thread of that channel: the thread is told, with the room's link.
    const c = app('declared');
    c.slack.createRoom = async (r) => ({ platform: 'slack', workspaceId: r.workspaceId, conversationId: 'C-eng;messageid=9', name: r.name, parentConversationId: 'C-eng' });
    const inThread: ConversationRef = { ...slackChannel, conversationId: 'C-eng;messageid=5', parentConversationId: 'C-eng' };
    await c.container.get(CommandDispatcher).handleText({ actor: { platform: 'slack', id: 'U1' }, platform: 'slack', workspaceId: 'T1', conversation: inThread, idempotencyKey: 'slack:t1' }, 'declare "Checkout errors"');
    await c.flush();
    expect(c.slack.postedTexts('C-eng;messageid=5').join('\n')).to.match(/INC-1 has its room: inc-1-checkout-errors/);
  });
});
