import { expect } from 'chai';
import { MAX_INPUT_LENGTH, MAX_TIMELINE_TEXT } from '@muster/core';
import type { FakeTeamsMessage } from '../../fakes/teams/fake-teams-tenant';
import { call } from '../../integration/server-support';
import { actionData, cardOf, cardText, formData, shown } from './teams-cards';
import { TeamsE2E } from './teams-harness';
import { ANA, BOB, cardAction, CLEO, GENERAL, message, TENANT, type TeamsUser } from './teams-payloads';

const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';

/**
 * Every bad-input answer a Teams user can meet, with Graph configured (rooms are channels of the
 * incidents team; a private incident gets a private channel): a clear answer in the person's 1:1
 * chat or on the card, never a 5xx or a stack trace, and nothing done, posted or revealed.
 */
describe('Teams e2e: bad input and what a Teams user is told', function () {
  this.timeout(120_000);
  let e2e: TeamsE2E;
  let room: string;
  let privateId: string;
  let foreignId: string;
  /** What Muster said to a person in their 1:1 chat with it, oldest first. */
  const privately = (user: TeamsUser): string[] => {
    const chat = e2e.tenant.personal.get(user.aadObjectId);
    return chat ? e2e.tenant.messagesIn(chat).filter((m) => m.from === 'bot').map(shown) : [];
  };
  const said = async (user: TeamsUser, text: string, conversationId?: string): Promise<string> => {
    const before = privately(user).length;
    const answer = await e2e.send(message(e2e.serviceUrl, user, text, { toBot: true, ...(conversationId ? { conversationId } : {}) }));
    expect(answer.status).to.equal(200);
    await e2e.settle();
    return privately(user).slice(before).join('\n');
  };
  const card = (): FakeTeamsMessage => e2e.tenant.messagesIn(room).find((m) => JSON.stringify(cardOf(m) ?? {}).includes('"actionId":"incident.resolve"'))!;
  const press = (user: TeamsUser, data: unknown, on: FakeTeamsMessage = card()) => e2e.send(cardAction(e2e.serviceUrl, user, data, { conversationId: room, replyToId: on.id }));
  const noStack = (text: string) => expect(text).not.to.match(/at [\w.<>]+ \(|node_modules|Error:/u);

  before(async () => {
    e2e = await TeamsE2E.start({ pump: true, graph: true, yaml: [`tenants: { contoso: { teams: ["${TENANT}"] }, fabrikam: { teams: ["${OTHER_TENANT}"] } }`] });
    await e2e.send(message(e2e.serviceUrl, ANA, 'declare SEV2 Checkout down', { toBot: true }));
    await e2e.send(message(e2e.serviceUrl, ANA, 'declare --private Payroll export leaked salaries', { toBot: true }));
    await e2e.settle();
    room = await e2e.roomOf(1);
    privateId = (await e2e.incident(2))!.id;
    // Another organization on the same Muster, declared over its own API token.
    const { token } = await e2e.store.apiTokens.create('fabrikam-suite', { tenantId: 'fabrikam' });
    const declared = await call(`http://127.0.0.1:${e2e.server.port}/api/v1/incidents`, { token, json: { title: 'Fabrikam billing down' }, headers: { 'idempotency-key': 'fabrikam-1' } });
    expect(declared.status, declared.text).to.equal(201);
    foreignId = (await e2e.store.repositories.incidents.findByNumber('fabrikam', declared.body.number))!.id;
  });
  after(() => e2e?.stop());

  it('opened the rooms through Graph: a channel for the public incident with its card, a private channel for the private one', async () => {
    expect(e2e.tenant.channels.get(room)).to.deep.include({ displayName: 'inc-1-checkout-down', membershipType: 'standard' });
    expect(cardText(cardOf(card()))).to.include('INC-1 · SEV2 · Checkout down');
    const secret = e2e.tenant.channels.get(await e2e.roomOf(2))!;
    expect(secret.membershipType).to.equal('private');
    expect([...secret.members]).to.deep.equal([ANA.aadObjectId]);
  });

  it('answers an unknown command privately with what it accepts, in Teams\' own prefix, and does nothing', async () => {
    const incidents = await e2e.incidentCount();
    const answer = await said(CLEO, 'frobnicate the database', room);
    expect(answer).to.include('There is no command “frobnicate”').and.include('@Muster help').and.include('Usage: @Muster');
    expect(answer).not.to.include('/incident');
    noStack(answer);
    expect(e2e.tenant.messagesIn(room).filter((m) => shown(m).includes('frobnicate') && m.from === 'bot'), 'nothing in the room').to.have.length(0);
    expect(await e2e.incidentCount()).to.equal(incidents);
  });

  it('answers malformed arguments with the specific problem and the usage line, and changes nothing', async () => {
    expect(await said(ANA, 'sev SEV9', room)).to.include('There is no severity “SEV9”').and.include('Usage: @Muster sev <level>');
    expect(await said(ANA, 'assign', room)).to.include('Say which role and who should take it').and.include('Usage: @Muster assign <role> <@person>');
    expect((await e2e.incident(1))!.severity).to.equal('SEV2');
  });

  it('answers a command longer than core reads with how long it may be, and stores a huge captured message cut to the timeline\'s limit', async () => {
    const answer = await said(ANA, `note ${'x'.repeat(MAX_INPUT_LENGTH + 100)}`, room);
    expect(answer).to.match(/too long|characters/iu);
    noStack(answer);
    const huge = message(e2e.serviceUrl, BOB, `stack dump ${'y'.repeat(60_000)}`, { conversationId: room });
    expect((await e2e.send(huge)).status).to.equal(200);
    const entry = (await e2e.timeline(1)).find((t) => t.external?.messageId === huge.id)!;
    expect(entry.text.startsWith('stack dump y')).to.equal(true);
    expect(entry.text.endsWith('… [truncated]'), 'cut, and saying so').to.equal(true);
    expect(entry.text.length).to.equal(MAX_TIMELINE_TEXT + '… [truncated]'.length);
  });

  it('answers card data naming another organization\'s incident as if it did not exist, and leaves it alone', async () => {
    const unknown = await press(ANA, { muster: 'action', actionId: 'incident.ack', value: '00000000-0000-4000-8000-000000000000' });
    const foreign = await press(ANA, { muster: 'action', actionId: 'incident.ack', value: foreignId });
    expect(foreign.status).to.equal(200);
    expect(foreign.json).to.include({ type: 'application/vnd.microsoft.activity.message' });
    expect(foreign.json.value).to.equal(unknown.json.value);
    expect(foreign.text).not.to.include('Fabrikam');
    expect((await e2e.store.repositories.incidents.findById(foreignId))!.status).to.equal('triage');
  });

  it('answers a private incident\'s reference from a non-participant exactly as a reference that does not exist', async () => {
    const secret = await said(CLEO, 'INC-2 status');
    const missing = await said(CLEO, 'INC-99 status');
    expect(secret.replaceAll('INC-2', 'INC-n')).to.equal(missing.replaceAll('INC-99', 'INC-n'));
    expect(secret).not.to.match(/payroll|salar|private/iu);
    const pressed = await press(CLEO, { muster: 'action', actionId: 'incident.resolve', value: privateId });
    const nowhere = await press(CLEO, { muster: 'action', actionId: 'incident.resolve', value: '00000000-0000-4000-8000-000000000000' });
    expect(pressed.json.value).to.equal(nowhere.json.value);
    expect((await e2e.incident(2))!.status).to.equal('triage');
    expect(privately(CLEO).join('\n'), 'Cleo was never shown anything of it').not.to.match(/payroll|salar/iu);
    expect(JSON.stringify([pressed.json, nowhere.json])).not.to.match(/payroll|salar/iu);
  });

  it('gives a form back with the error under the input and what was typed, for a missing or forged person', async () => {
    const form = (await press(ANA, actionData(cardOf(card()), 'incident.assign'))).json.value;
    for (const person of [undefined, `<@teams:${CLEO.aadObjectId}|Chief Executive>`]) {
      const answer = await press(ANA, formData(form, person ? { role: 'scribe', person } : { role: 'scribe' }));
      expect(answer.json).to.include({ type: 'application/vnd.microsoft.card.adaptive' });
      const shownForm = JSON.stringify(answer.json.value);
      expect(shownForm).to.include('Pick the person to give the role to.').and.include('"value":"scribe"');
    }
    expect((await e2e.incident(1))!.snapshot().roles.map((r) => r.role)).to.deep.equal(['commander']);
  });

  it('refuses an approval of a draft version that has since been edited, and publishes nothing', async () => {
    await said(ANA, 'update', room);
    const draft = e2e.tenant.messagesIn(room).find((m) => shown(m).includes('Internal update for INC-1'))!;
    const staleApprove = actionData(cardOf(draft), 'update.approve');
    const editForm = (await press(ANA, actionData(cardOf(draft), 'update.edit'), draft)).json.value;
    const edited = await press(ANA, formData(editForm, { body: 'Checkout is failing for some EU customers; a fix is rolling out.' }), draft);
    expect(edited.status).to.equal(200);
    const posts = e2e.botConnector.calls('send message').length;
    const answer = await press(ANA, staleApprove, draft);
    expect(answer.json).to.include({ type: 'application/vnd.microsoft.activity.message' });
    expect(answer.json.value).to.match(/changed|edited|newer|version/iu);
    await e2e.settle();
    expect(e2e.botConnector.calls('send message').length, 'nothing published').to.equal(posts);
    const [update] = await e2e.store.repositories.statusUpdates.listByIncident((await e2e.incident(1))!.id);
    expect(update).to.deep.include({ state: 'pending_approval', body: 'Checkout is failing for some EU customers; a fix is rolling out.' });
    expect(e2e.tenant.messagesIn(GENERAL).some((m) => shown(m).includes('a fix is rolling out')), 'not published anywhere').to.equal(false);
  });
});
