import { expect } from 'chai';
import { FakeSlackApi } from '../../fakes/fake-slack-api';
import { ANA as SLACK_ANA, BOB as SLACK_BOB, SlackClient } from '../slack/slack-client';
import type { SlackChannel } from '../slack/slack-payloads';
import { TeamsE2E } from './teams-harness';
import { ANA, BOB, botAdded, CLEO, message, TENANT, type TeamsUser } from './teams-payloads';

/** Someone else in the tenant who is also called Ana Lima, with an email of her own. */
const OTHER_ANA: TeamsUser = { id: '29:ana2-bf', name: 'Ana Lima', aadObjectId: '0d0d0d0d-0000-4000-8000-00000000d0d0' };

/**
 * One organization on Slack and Teams, one server, Microsoft Graph on: Ana on Slack and Ana on Teams
 * share an email (ana@contoso.example, as the harness's tenant gives her), so they are one person.
 */
describe('Teams e2e: the same person on Slack and Teams, linked by email', function () {
  this.timeout(120_000);
  let e2e: TeamsE2E;
  let fake: FakeSlackApi;
  let slack: SlackClient;

  /** What Muster answered last in a person's personal chat with it. */
  const askInPersonalChat = async (who: TeamsUser, text: string): Promise<string> => {
    const personal = `a:personal-${who.aadObjectId}`;
    await e2e.send(message(e2e.serviceUrl, who, text, { conversationId: personal, conversationType: 'personal' }));
    return JSON.stringify(e2e.connector.posted(personal).at(-1)?.body ?? '');
  };

  before(async () => {
    fake = await FakeSlackApi.start();
    fake.addUser({ id: SLACK_ANA.id, name: SLACK_ANA.name, displayName: 'Ana', email: 'ana@contoso.example' });
    fake.addUser({ id: SLACK_BOB.id, name: SLACK_BOB.name, displayName: 'Bob', email: 'bob@contoso.example' });
    const general: SlackChannel = { id: fake.addChannel({ name: 'general', members: [SLACK_ANA.id, SLACK_BOB.id] }), name: 'general' };
    e2e = await TeamsE2E.start({ pump: true, graph: true, slack: fake, yaml: [`tenants: { acme: { slack: [${fake.teamId}], teams: ["${TENANT}"] } }`] });
    e2e.tenant.addUser({ id: OTHER_ANA.aadObjectId, displayName: OTHER_ANA.name, botFrameworkId: OTHER_ANA.id, mail: 'ana.lima@contoso.example' });
    await e2e.send(botAdded(e2e.serviceUrl, ANA));
    slack = new SlackClient(fake, e2e.server.port, general);
    await slack.command('declare "Payroll breach" --sev SEV2 --private', SLACK_ANA);
    await e2e.settle();
  });
  after(async () => {
    await e2e?.stop();
    await fake?.close();
  });

  it('shows Ana on Teams the private incident she declared on Slack', async () => {
    const answer = await askInPersonalChat(ANA, 'INC-1 status');
    expect(answer).to.include('Payroll breach').and.not.include('that you can see');
  });

  it('lets Ana on Teams act as the Incident Commander she is on Slack', async () => {
    expect(await askInPersonalChat(ANA, 'INC-1 sev SEV1')).not.to.include('Only the');
    expect((await e2e.incident(1))!.severity).to.equal('SEV1');
  });

  it('answers Bob, linked to his own Slack self but no part of the incident, as if it did not exist', async () => {
    const before = (await e2e.incident(1))!.version;
    const answer = await askInPersonalChat(BOB, 'INC-1 status');
    expect(answer).to.include('no incident INC-1 that you can see').and.not.include('Payroll');
    expect(await askInPersonalChat(BOB, 'INC-1 resolve')).to.include('that you can see');
    expect((await e2e.incident(1))!.version, 'nothing changed').to.equal(before);
  });

  it('does not link another Ana Lima with a different email: she sees nothing and changes nothing', async () => {
    const before = (await e2e.incident(1))!.version;
    const answer = await askInPersonalChat(OTHER_ANA, 'INC-1 status');
    expect(answer).to.include('no incident INC-1 that you can see').and.not.include('Payroll');
    expect(await askInPersonalChat(OTHER_ANA, 'INC-1 resolve')).to.include('that you can see');
    expect((await e2e.incident(1))!.version, 'nothing changed').to.equal(before);
  });

  it('answers as usual, unlinked, when Graph cannot say who someone is', async () => {
    e2e.graph!.failNext('get user', { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges' });
    const personal = `a:personal-${CLEO.aadObjectId}`;
    const answer = await e2e.send(message(e2e.serviceUrl, CLEO, 'INC-1 status', { conversationId: personal, conversationType: 'personal' }));
    expect(answer.status, 'the request itself did not fail').to.be.below(300);
    const said = JSON.stringify(e2e.connector.posted(personal).at(-1)?.body ?? '');
    expect(said).to.include('no incident INC-1 that you can see').and.not.include('Insufficient privileges');
    expect(e2e.graph!.calls('get user').length, 'Graph was asked').to.be.greaterThan(0);
  });

  it('asked Slack about each address at most once, however many requests each person made', async () => {
    const slackLookups = fake.calls('users.lookupByEmail').map((c) => String(c.args.email));
    expect(new Set(slackLookups).size, 'one users.lookupByEmail per address').to.equal(slackLookups.length);
    expect([...slackLookups].sort()).to.deep.equal(['ana.lima@contoso.example', 'ana@contoso.example', 'bob@contoso.example']);
  });
});
