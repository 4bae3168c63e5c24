import type { TimelineEntry } from '@muster/core';
import { FakeBotConnector } from '../../fakes/teams/fake-bot-connector';
import { FakeTeamsTenant, type FakeTeamsMessage, type Json, THREAD } from '../../fakes/teams/fake-teams-tenant';
import { settleServer } from '../settle-server';
import { TeamsE2E } from './teams-harness';
import { cardAction, fileConsent, GENERAL, message, reaction, type TeamsUser } from './teams-payloads';
import type { IncidentChat, Person } from './parity-script';

/** The same three people as on Slack, by the same names; `29:<AAD id>` as the fake Bot Connector names members. */
const person = (name: Person, n: number): TeamsUser => {
  const aadObjectId = `${String(n).repeat(8)}-0000-4000-8000-0000000000${n}${n}`;
  return { id: `29:${aadObjectId}`, name, aadObjectId };
};
const PEOPLE: Record<Person, TeamsUser> = { ana: person('ana', 1), bob: person('bob', 2), cleo: person('cleo', 3) };
const MENTION = /@(ana|bob|cleo)\b/gu;
const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';

/**
 * The scripted incident on Teams: the Teams e2e harness (real Agents SDK transport, JWT-signed
 * activities) replying to the full fake Bot Connector, whose tenant holds the General channel the
 * payloads name, so the room opens as a real thread there. Every message a person sends is first a
 * message in the fake tenant (Teams' activity id is the message id), so replies to it are accepted.
 */
export class TeamsIncidentChat implements IncidentChat {
  readonly platform = 'teams' as const;

  private constructor(readonly e2e: TeamsE2E, readonly connector: FakeBotConnector) {}

  static async start(): Promise<TeamsIncidentChat> {
    const tenant = new FakeTeamsTenant();
    tenant.addChannel('Incidents e2e', { id: GENERAL });
    for (const p of Object.values(PEOPLE)) tenant.addUser({ id: p.aadObjectId, displayName: p.name, mail: `${p.name}@example.com` });
    // The harness authenticates inbound activities; this fake takes the bot's token as it comes.
    const connector = await FakeBotConnector.start(tenant, { anonymous: true });
    try {
      return new TeamsIncidentChat(await TeamsE2E.start({ env: { TEAMS_TRUSTED_HOSTS: connector.host } }), connector);
    } catch (error) {
      await connector.close();
      throw error;
    }
  }

  async command(who: Person, text: string, where: 'channel' | 'room'): Promise<void> {
    await this.send(who, text, where, true);
  }

  async say(who: Person, text: string): Promise<string> {
    return this.send(who, text, 'room', false);
  }

  async highlight(who: Person, messageId: string): Promise<void> {
    await this.ok(reaction(this.connector.serviceUrl, PEOPLE[who], messageId, '1f4cc_pushpin', true, { conversationId: await this.room() }), 'the reaction');
  }

  async press(who: Person, actionId: string): Promise<void> {
    const room = await this.room();
    const posted = this.botMessages().filter((m) => actionData(m, actionId) !== undefined).at(-1);
    if (!posted) throw new Error(`Teams: no message in the room has a ${actionId} button`);
    const answer = await this.e2e.send(cardAction(this.connector.serviceUrl, PEOPLE[who], actionData(posted, actionId), { conversationId: room, replyToId: posted.id }));
    if (answer.status !== 200) throw new Error(`Teams: the ${actionId} button answered HTTP ${answer.status}`);
  }

  settle(): Promise<void> {
    return settleServer(this.e2e.server);
  }

  timeline(): Promise<TimelineEntry[]> {
    return this.e2e.timeline(1);
  }

  /**
   * On Teams the document is offered in the requester's 1:1 chat with a file-consent card; ana accepts
   * it, and this is what reached her OneDrive (the fake's upload session).
   */
  async postmortem(): Promise<string> {
    const privately = this.connector.tenant.personalChatWith(PEOPLE.ana.aadObjectId);
    const offer = this.connector.messagesIn(privately).map((m) => (m.activity.attachments as Json[] | undefined)?.find((a) => a.contentType === FILE_CONSENT)).filter((a) => a).at(-1);
    if (!offer) throw new Error('Teams: ana was not offered the postmortem document');
    const info = this.connector.acceptFile(PEOPLE.ana.aadObjectId, String(offer.name));
    await this.ok(fileConsent(this.connector.serviceUrl, PEOPLE.ana, privately, 'accept', (offer.content as Json).acceptContext, info), 'accepting the document');
    const file = this.connector.uploads.filesOf(PEOPLE.ana.aadObjectId).at(-1);
    if (!file) throw new Error('Teams: the accepted postmortem document was not uploaded');
    return file.bytes.toString('utf8');
  }

  /** Everything Muster posted in the channel (the room is a thread of it), oldest first, as Teams shows it now. */
  botMessages(): FakeTeamsMessage[] {
    return this.connector.tenant.messages.filter((m) => m.from === 'bot' && m.container === GENERAL && !m.deleted);
  }

  async stop(): Promise<void> {
    try {
      await this.e2e.stop();
    } finally {
      await this.connector.close();
    }
  }

  /** Posts the person's message in the fake tenant, then delivers its activity; returns the message id. */
  private async send(who: Person, text: string, where: 'channel' | 'room', toBot: boolean): Promise<string> {
    const room = where === 'room' ? await this.room() : undefined;
    const root = room?.slice(room.indexOf(THREAD) + THREAD.length);
    const mentions = [...text.matchAll(MENTION)].map((m) => PEOPLE[m[1] as Person]);
    const posted = this.connector.tenant.post(GENERAL, PEOPLE[who].aadObjectId, { type: 'message', text }, root);
    const conversationId = room ?? `${GENERAL}${THREAD}${posted.id}`;
    await this.ok(message(this.connector.serviceUrl, PEOPLE[who], text, { toBot, mentions, id: posted.id, conversationId }), text);
    return posted.id;
  }

  private async ok(activity: Parameters<TeamsE2E['send']>[0], what: string): Promise<void> {
    const answer = await this.e2e.send(activity);
    if (answer.status !== 200) throw new Error(`Teams: "${what}" answered HTTP ${answer.status}: ${answer.text}`);
  }

  private async room(): Promise<string> {
    const room = (await this.e2e.incident(1))?.snapshot().links.rooms.find((r) => r.platform === 'teams');
    if (!room) throw new Error('Teams: INC-1 has no Teams room yet');
    return room.conversationId;
  }
}

/** The data of the card's Action.Execute for core's `actionId`, as Teams sends it when pressed. */
function actionData(posted: FakeTeamsMessage, actionId: string): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (found !== undefined || typeof node !== 'object' || node === null) return;
    const n = node as { type?: unknown; data?: { actionId?: unknown } };
    if (n.type === 'Action.Execute' && n.data?.actionId === actionId) found = n.data;
    else Object.values(node).forEach(walk);
  };
  walk(posted.activity.attachments);
  return found;
}
