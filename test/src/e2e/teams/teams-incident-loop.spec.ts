import { expect } from 'chai';
import type { FakeTeamsMessage } from '../../fakes/teams/fake-teams-tenant';
import { actionData, cardOf, cardText, formData, shown } from './teams-cards';
import { TeamsE2E } from './teams-harness';
import {
  ANA, BOB, cardAction, CLEO, GENERAL, message, messageDelete, messageUpdate, newActivityId, reaction, STAKEHOLDERS, TENANT, type TeamsUser,
} from './teams-payloads';

/**
 * One incident from `@Muster declare` to its postmortem, entirely in Teams: the real server and SDK
 * adapter, valid JWTs, the outbox running, replies to the fake Bot Connector. No Graph, so the room is
 * a thread in the channel it was declared in.
 */
describe('Teams e2e: an incident from declare to postmortem', function () {
  this.timeout(120_000);
  let e2e: TeamsE2E;
  let room: string;
  let draft: FakeTeamsMessage;
  let approve: unknown;
  const bot = (conversationId: string): FakeTeamsMessage[] => e2e.tenant.messagesIn(conversationId).filter((m) => m.from === 'bot');
  const mentioning = (conversationId: string, text: string) => bot(conversationId).filter((m) => shown(m).includes(text));
  const say = (user: TeamsUser, text: string, options: { toBot?: boolean; id?: string } = {}) => e2e.send(message(e2e.serviceUrl, user, text, { conversationId: room, ...options }));
  const press = (user: TeamsUser, card: FakeTeamsMessage, data: unknown) => e2e.send(cardAction(e2e.serviceUrl, user, data, { conversationId: room, replyToId: card.id }));
  const pinned = async (): Promise<FakeTeamsMessage> => {
    const id = (await e2e.incident(1))!.snapshot().links.rooms[0]!.cardMessageId!;
    return e2e.tenant.message(GENERAL, id)!;
  };

  before(async () => {
    e2e = await TeamsE2E.start({
      pump: true,
      yaml: [`stakeholderChannels: { internal: [{ platform: teams, workspaceId: ${TENANT}, conversationId: "${STAKEHOLDERS}" }], external: [] }`],
    });
    e2e.tenant.addChannel('Stakeholders', { id: STAKEHOLDERS });
  });
  after(() => e2e?.stop());

  it('declares from a channel: the declarer\'s answer, a thread room with the incident card in it, and the room named where it was declared', async () => {
    const declared = message(e2e.serviceUrl, ANA, 'declare SEV2 Checkout down', { toBot: true });
    expect((await e2e.send(declared)).status).to.equal(200);
    const answer = e2e.tenant.messagesIn(declared.conversation.id).filter((m) => m.from === 'bot');
    expect(answer.map(shown).join('\n')).to.include('INC-1 declared').and.include('Checkout down');
    await e2e.settle();
    const incident = (await e2e.incident(1))!;
    expect(incident.snapshot()).to.deep.include({ title: 'Checkout down', severity: 'SEV2' });
    room = await e2e.roomOf(1);
    expect(room).to.match(new RegExp(`^${GENERAL};messageid=\\d+$`, 'u'));
    const cards = bot(room).filter((m) => JSON.stringify(cardOf(m) ?? {}).includes('"actionId":"incident.ack"'));
    expect(cards, 'one incident card, with its buttons').to.have.length(1);
    expect(shown(cards[0])).to.include('INC-1 · SEV2 · Checkout down');
    // The thread opens in the channel it was declared in: its first post is there for all to see, so no
    // separate "has its room" notice repeats it (a room elsewhere is still announced, see cross-platform).
    expect(mentioning(GENERAL, 'has its room'), 'no second post saying the same').to.have.length(0);
    expect(mentioning(GENERAL, 'inc-1-checkout-down'), 'the thread\'s first post names the room').to.have.length.greaterThan(0);
    expect(await e2e.conversations.find('teams', TENANT, room)).to.deep.include({ serviceUrl: e2e.serviceUrl, kind: 'thread' });
  });

  it('captures what is said in the room, once however often Teams delivers it, and reflects an edit, a deletion and a highlight', async () => {
    const before = (await e2e.timeline(1)).length;
    const id = newActivityId();
    for (let i = 0; i < 3; i++) expect((await say(BOB, 'DB failover started', { id })).status).to.equal(200);
    const gone = newActivityId();
    await say(CLEO, 'wrong channel, sorry', { id: gone });
    const entries = await e2e.timeline(1);
    expect(entries.filter((t) => t.text === 'DB failover started')).to.have.length(1);
    expect(entries.length).to.equal(before + 2);

    await e2e.send(messageUpdate(e2e.serviceUrl, BOB, id, 'DB failover finished', { conversationId: room }));
    await e2e.send(reaction(e2e.serviceUrl, ANA, id, '1f4cc_pushpin', true, { conversationId: room }));
    await e2e.send(messageDelete(e2e.serviceUrl, CLEO, gone, { conversationId: room }));
    const after = await e2e.timeline(1);
    expect(after.find((t) => t.external?.messageId === id)).to.deep.include({ text: 'DB failover finished', highlighted: true });
    expect(after.find((t) => t.external?.messageId === gone)).to.deep.include({ text: '' });
    expect(after.length, 'reflected on the entries, none added').to.equal(before + 2);
  });

  it('acknowledges with `@Muster ack` in the room, and the pinned card is redrawn in place', async () => {
    const edits = (await pinned()).edits;
    await say(ANA, 'ack', { toBot: true });
    await e2e.settle();
    expect((await e2e.incident(1))!.status).to.equal('investigating');
    expect(mentioning(room, 'acknowledged')).to.have.length.greaterThan(0);
    const card = await pinned();
    expect(card.edits).to.be.greaterThan(edits);
    expect(shown(card)).to.include('Investigating').and.not.include('Acknowledge');
  });

  it('changes the severity through the card\'s buttons: the form comes back as the invoke answer, and the answer to it is the refreshed card', async () => {
    const card = await pinned();
    const form = await press(ANA, card, actionData(cardOf(card), 'incident.severity'));
    expect(form.json).to.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const changed = await press(ANA, card, formData(form.json.value, { severity: 'SEV1' }));
    expect(changed.json, 'the presser sees the card again, redrawn').to.include({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(changed.json.value)).to.include('SEV1 (Critical)');
    expect(JSON.stringify(changed.json.value)).to.include('"actionId":"incident.resolve"');
    expect((await e2e.incident(1))!.severity).to.equal('SEV1');
    await e2e.settle();
    expect(mentioning(room, 'is now SEV1'), 'and the room is told once').to.have.length(1);
    const updates = e2e.botConnector.calls('update message').filter((c) => c.path.endsWith(`/activities/${card.id}`));
    expect(updates.length, 'the pinned card was PUT').to.be.greaterThan(0);
    expect(shown(await pinned())).to.include('SEV1 (Critical)');
  });

  it('assigns a role from the form card the card\'s button opens', async () => {
    const card = await pinned();
    const form = await press(ANA, card, actionData(cardOf(card), 'incident.assign'));
    const answer = await press(ANA, card, formData(form.json.value, { role: 'communications_lead', person: BOB.aadObjectId }));
    expect(answer.json).to.include({ type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText(answer.json.value)).to.include('Bob Jones');
    const roles = (await e2e.incident(1))!.snapshot().roles;
    // Teams' picker sends only the object id: the name comes from the roster, so nobody reads an id.
    expect(roles.find((r) => r.role === 'communications_lead')?.person).to.deep.equal({ platform: 'teams', id: BOB.aadObjectId, name: 'Bob Jones' });
    await e2e.settle();
    expect(shown(await pinned())).to.include('Bob Jones');
    expect(mentioning(room, 'is now Communications Lead').map(shown).join()).to.include('Bob Jones').and.not.include(BOB.aadObjectId);
  });

  it('drafts a stakeholder update on `@Muster update`: put up for approval in the room', async () => {
    await say(ANA, 'update', { toBot: true });
    await e2e.settle();
    [draft] = mentioning(room, 'Internal update for INC-1');
    expect(shown(draft)).to.include('Needs approval');
    approve = actionData(cardOf(draft), 'update.approve');
    expect(e2e.tenant.messagesIn(STAKEHOLDERS), 'nothing published yet').to.have.length(0);
  });

  it('refuses the approval to someone who is neither its author, the Incident Commander nor the Communications Lead, and nothing is posted', async () => {
    const posts = () => e2e.botConnector.calls().filter((c) => c.operation === 'send message' || c.operation === 'reply' || c.operation === 'update message').length;
    const before = posts();
    const answer = await press(CLEO, draft, approve);
    expect(answer.status).to.equal(200);
    expect(answer.json).to.include({ type: 'application/vnd.microsoft.activity.message' });
    expect(answer.json.value).to.match(/Communications Lead|Incident Commander|not allowed|permission/i);
    await e2e.settle();
    expect(e2e.tenant.messagesIn(STAKEHOLDERS)).to.have.length(0);
    expect(posts(), 'nothing posted or redrawn anywhere').to.equal(before);
    const [update] = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1))!.id);
    expect(update!.state).to.equal('pending_approval');
  });

  it('publishes the update once when the Communications Lead approves through Action.Execute, the refreshed card saying approved', async () => {
    const answer = await press(BOB, draft, approve);
    expect(answer.json).to.include({ type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answer.json.value)).to.include('Approved by');
    await press(BOB, draft, approve);
    await e2e.settle();
    const published = e2e.tenant.messagesIn(STAKEHOLDERS);
    expect(published, 'once in the stakeholder channel, though approved twice').to.have.length(1);
    expect(shown(published[0])).to.include('INC-1 · SEV1 · Checkout down — investigating');
    // Counted on what the cards show (a summary, the notification preview, may quote the title too).
    const inRoom = bot(room).filter((m) => cardText(cardOf(m)).includes('Checkout down — investigating') && m.id !== draft.id);
    expect(inRoom, 'and once in the room, so responders see what went out').to.have.length(1);
    const [update] = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1))!.id);
    expect(update).to.deep.include({ state: 'published' });
    expect(update!.decidedBy).to.deep.include({ id: BOB.aadObjectId });
    expect(shown(e2e.tenant.message(GENERAL, draft.id)), 'the draft is redrawn for everyone in the room').to.include('Approved by');
  });

  it('resolves from the card (behind its confirmation), posts the postmortem draft with the timeline, and `@Muster postmortem` shows it', async () => {
    const answer = await press(ANA, await pinned(), actionData(cardOf(await pinned()), 'incident.resolve'));
    expect(cardText(answer.json.value), 'the presser sees the card resolved').to.include('Resolved');
    await e2e.settle();
    expect((await e2e.incident(1))!.status).to.equal('resolved');
    expect(mentioning(room, 'The postmortem for **INC-1** is ready'), 'the draft is announced once').to.have.length(1);
    await say(ANA, 'postmortem', { toBot: true });
    await e2e.settle();
    const shownPostmortem = bot(room).map(shown).filter((t) => t.includes('Postmortem')).join('\n');
    expect(shownPostmortem).to.include('INC-1').and.include('Checkout down');
    expect(shownPostmortem, 'with the timeline').to.include('DB failover finished');
  });
});
