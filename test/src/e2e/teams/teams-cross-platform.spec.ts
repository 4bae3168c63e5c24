import { expect } from 'chai';
import { FakeSlackApi, type FakeMessage } from '../../fakes/fake-slack-api';
import { ANA as SLACK_ANA, BOB as SLACK_BOB, SlackClient } from '../slack/slack-client';
import type { SlackChannel } from '../slack/slack-payloads';
import { actionData, cardOf, shown } from './teams-cards';
import { TeamsE2E } from './teams-harness';
import { ANA, botAdded, cardAction, GENERAL, message, STAKEHOLDERS, TENANT } from './teams-payloads';

/** One organization, engineers on Slack and the business on Teams, one Muster server for both. */
async function bothPlatforms(yaml: (slack: { teamId: string; stakeholders: string }) => string[]): Promise<{ e2e: TeamsE2E; slack: SlackClient; slackStakeholders: string }> {
  const fake = await FakeSlackApi.start();
  for (const user of [SLACK_ANA, SLACK_BOB]) fake.addUser({ id: user.id, name: user.name, displayName: user.name });
  const general: SlackChannel = { id: fake.addChannel({ name: 'general', members: [SLACK_ANA.id, SLACK_BOB.id] }), name: 'general' };
  const slackStakeholders = fake.addChannel({ name: 'stakeholders' });
  try {
    const e2e = await TeamsE2E.start({
      pump: true, slack: fake,
      yaml: [`tenants: { acme: { slack: [${fake.teamId}], teams: ["${TENANT}"] } }`, ...yaml({ teamId: fake.teamId, stakeholders: slackStakeholders })],
    });
    e2e.tenant.addChannel('Stakeholders', { id: STAKEHOLDERS });
    // Installing the app in the team is Teams' first word to Muster: its service URL for the tenant.
    await e2e.send(botAdded(e2e.serviceUrl, ANA));
    return { e2e, slack: new SlackClient(fake, e2e.server.port, general), slackStakeholders };
  } catch (error) {
    await fake.close();
    throw error;
  }
}

const slackRoomOf = async (e2e: TeamsE2E, number: number): Promise<SlackChannel> => {
  const room = (await e2e.incident(number))!.snapshot().links.rooms.find((r) => r.platform === 'slack')!;
  return { id: room.conversationId, name: room.name ?? room.conversationId };
};

describe('Teams e2e: one incident across Slack and Teams', function () {
  this.timeout(120_000);

  describe('stakeholder updates published to the other platform', () => {
    let e2e: TeamsE2E;
    let slack: SlackClient;
    let slackStakeholders: string;
    const externalOnBoth = (s: { teamId: string; stakeholders: string }) => [
      `stakeholderChannels: { internal: [], external: [{ platform: teams, workspaceId: "${TENANT}", conversationId: "${STAKEHOLDERS}" }, { platform: slack, workspaceId: ${s.teamId}, conversationId: ${s.stakeholders} }] }`,
    ];

    before(async () => {
      ({ e2e, slack, slackStakeholders } = await bothPlatforms(externalOnBoth));
    });
    after(async () => {
      await e2e?.stop();
      await slack?.slack.close();
    });

    it('publishes an external update declared and approved in Slack to the Teams stakeholder channel exactly once', async () => {
      await slack.command('declare "Checkout errors" --sev SEV2');
      await e2e.settle();
      const room = await slackRoomOf(e2e, 1);
      await slack.command('update external', SLACK_ANA, room);
      await e2e.settle();
      const [draft] = slack.postsMentioning(room.id, 'External update for INC-1');
      expect(draft, 'the draft is up for approval in the Slack room').to.not.equal(undefined);
      await slack.click(draft!, 'update.approve', SLACK_ANA, room);
      await slack.click(draft!, 'update.approve', SLACK_ANA, room);
      await e2e.settle();
      const inTeams = e2e.tenant.messagesIn(STAKEHOLDERS);
      expect(inTeams, 'once, though approved twice').to.have.length(1);
      expect(shown(inTeams[0])).to.include('Service update').and.not.include('Checkout errors').and.not.include('INC-1');
      const sends = e2e.botConnector.calls('send message').filter((c) => decodeURIComponent(c.path).includes(`/conversations/${STAKEHOLDERS}/`));
      expect(sends, 'one Bot Connector post to the channel').to.have.length(1);
      expect(slack.postsMentioning(slackStakeholders, 'Service update')).to.have.length(1);
    });

    it('publishes an external update declared and approved in Teams to the Slack stakeholder channel exactly once', async () => {
      await e2e.send(message(e2e.serviceUrl, ANA, 'declare SEV2 Invoices not sent', { toBot: true }));
      await e2e.settle();
      const room = await e2e.roomOf(2);
      await e2e.send(message(e2e.serviceUrl, ANA, 'update external', { toBot: true, conversationId: room }));
      await e2e.settle();
      const draft = e2e.tenant.messagesIn(room).find((m) => shown(m).includes('External update for INC-2'))!;
      const approve = actionData(cardOf(draft), 'update.approve');
      for (let i = 0; i < 2; i++) await e2e.send(cardAction(e2e.serviceUrl, ANA, approve, { conversationId: room, replyToId: draft.id }));
      await e2e.settle();
      const inSlack = slack.postsMentioning(slackStakeholders, 'Service update');
      expect(inSlack.length, 'one more in Slack, though approved twice').to.equal(2);
      expect(JSON.stringify(inSlack.at(-1))).not.to.include('Invoices not sent');
      const postsToChannel = slack.slack.calls('chat.postMessage').filter((c) => c.args.channel === slackStakeholders);
      expect(postsToChannel, 'one chat.postMessage per update').to.have.length(2);
      expect(e2e.tenant.messagesIn(STAKEHOLDERS), 'and once more in Teams').to.have.length(2);
    });
  });

  describe('roomPlacement: both, home on Slack', () => {
    let e2e: TeamsE2E;
    let slack: SlackClient;
    let teamsRoom: string;
    let slackRoom: SlackChannel;

    before(async () => {
      ({ e2e, slack } = await bothPlatforms((s) => ['roomPlacement: both', 'homePlatform: slack', `homeWorkspaceId: ${s.teamId}`]));
    });
    after(async () => {
      await e2e?.stop();
      await slack?.slack.close();
    });

    it('opens a room on each platform for an incident declared in Teams, and both cards name both rooms', async () => {
      await e2e.send(message(e2e.serviceUrl, ANA, 'declare SEV1 Warehouse scanners offline', { toBot: true }));
      await e2e.settle();
      const rooms = (await e2e.incident(1))!.snapshot().links.rooms;
      expect(rooms.map((r) => r.platform).sort()).to.deep.equal(['slack', 'teams']);
      teamsRoom = await e2e.roomOf(1);
      slackRoom = await slackRoomOf(e2e, 1);
      const teamsCard = e2e.tenant.message(GENERAL, rooms.find((r) => r.platform === 'teams')!.cardMessageId!)!;
      expect(shown(teamsCard)).to.include('Slack: ').and.include(slackRoom.name).and.include('Teams: ');
      const slackCards: FakeMessage[] = slack.postsMentioning(slackRoom.id, 'Warehouse scanners offline').filter((m) => JSON.stringify(m.blocks).includes('Acknowledge'));
      expect(slackCards).to.have.length(1);
      expect(JSON.stringify(slackCards[0]!.blocks)).to.include('Teams: ').and.include('Slack: ');
    });

    it('captures messages from both rooms into one timeline', async () => {
      await e2e.send(message(e2e.serviceUrl, ANA, 'Scanners in hall B are back', { conversationId: teamsRoom }));
      await slack.say(slackRoom.id, SLACK_BOB, 'Hall A still down, rebooting the gateway');
      await e2e.settle();
      const entries = await e2e.timeline(1);
      const said = entries.filter((t) => t.kind === 'message').map((t) => `${t.source}: ${t.text}`);
      expect(said).to.include.members(['teams: Scanners in hall B are back', 'slack: Hall A still down, rebooting the gateway']);
      expect(await e2e.incidentCount(), 'one incident').to.equal(1);
    });
  });
});
