import { createPluginHttp, PluginConfigError, PluginHttpError, type ConferencePort } from '@muster/plugin-sdk';
import { activateForTest, assertNoSecretIn, fakeIncident, undescribedSettings, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { TeamsFake } from './fake';
import { externalIdOf } from './online-meetings';
import teamsMeeting, { teamsMeetingConfigSchema } from './index';

const SECRETS = { CLIENT_ID: '0f3c9a7e-1b2d-4e5f-8a9b-c0d1e2f3a4b5', CLIENT_SECRET: 'Xq8~Qm2.vN7kR4tW9zL1pB6sD3fG5hJ0aC_eY' };
const incident = fakeIncident({ reference: 'INC-42', title: 'Checkout is failing' });

describe('teams-meeting conference', () => {
  let fake: TeamsFake;
  beforeEach(async () => {
    fake = await new TeamsFake({ clientId: SECRETS.CLIENT_ID, clientSecret: SECRETS.CLIENT_SECRET }).start();
  });
  afterEach(() => fake.stop());

  async function activate(config: Record<string, unknown> = {}, secrets: Record<string, string> = SECRETS): Promise<ActivatedPlugin<'conference'>> {
    const http = createPluginHttp({ allowedHosts: [fake.host], backoff: { baseMs: 1, maxMs: 2 }, timeoutMs: 500, deadlineMs: 5000 });
    return activateForTest(teamsMeeting, { config: { graphUrl: fake.graphUrl, loginUrl: fake.graphUrl, tenantId: fake.tenantId, organizerId: fake.organizerId, ...config }, secrets, http });
  }
  const port = async (config?: Record<string, unknown>): Promise<ConferencePort> => (await activate(config)).ports.conference;

  it('creates the meeting through createOrGet with a hash of the key as externalId, and links its joinWebUrl', async () => {
    const ref = await (await port()).start(incident, { idempotencyKey: 'k-1' });
    const [meeting] = fake.meetings;
    expect(ref).to.deep.equal({ id: meeting!.id, url: meeting!.joinWebUrl, title: 'Teams meeting' });
    expect(meeting).to.include({ externalId: externalIdOf('k-1'), subject: '[INC-42] Checkout is failing', organizer: fake.organizerId });
    expect(Date.parse(meeting!.endDateTime) - Date.parse(meeting!.startDateTime)).to.equal(120 * 60_000);
    const form = new URLSearchParams(fake.requestsTo(/\/oauth2\/v2\.0\/token$/)[0]!.body);
    expect(form.get('scope')).to.equal('https://graph.microsoft.com/.default');
    expect(form.get('grant_type')).to.equal('client_credentials');
  });

  it('every attempt of a call gets the same meeting, redone after a crash or not', async () => {
    const first = await (await port()).start(incident, { idempotencyKey: 'k-1' });
    const plugin = await activate();
    expect(await plugin.ports.conference.start(incident, { idempotencyKey: 'k-1', uncertainSince: new Date() })).to.deep.equal(first);
    expect(await plugin.ports.conference.start(incident, { idempotencyKey: 'k-1' })).to.deep.equal(first);
    expect(fake.meetings).to.have.length(1);
    expect(plugin.logs.map((l) => l.msg)).to.deep.equal(['Found the Teams meeting an earlier attempt created', 'Found the Teams meeting an earlier attempt created']);
    await plugin.ports.conference.start(incident, { idempotencyKey: 'k-2' });
    expect(fake.meetings).to.have.length(2);
  });

  it('keeps the token in memory, and fetches a new one once when Graph says it expired', async () => {
    const conference = await port();
    await conference.start(incident, { idempotencyKey: 'k-1' });
    await conference.start(incident, { idempotencyKey: 'k-2' });
    expect(fake.tokensIssued).to.have.length(1);
    fake.expireTokens();
    await conference.start(incident, { idempotencyKey: 'k-3' });
    expect(fake.tokensIssued).to.have.length(2);
    fake.failNext(401, { match: /createOrGet$/ });
    fake.failNext(401, { match: /createOrGet$/ });
    expect(await conference.start(incident, { idempotencyKey: 'k-4' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('status', 401);
    expect(fake.tokensIssued).to.have.length(3);
    expect(fake.meetings).to.have.length(3);
  });

  it('a 429 with Retry-After is waited out; a long one goes back to the outbox with retryAfterMs', async () => {
    const conference = await port();
    fake.failNext(429, { retryAfter: 0, match: /createOrGet$/ });
    await conference.start(incident, { idempotencyKey: 'k-1' });
    fake.failNext(429, { retryAfter: 60, match: /createOrGet$/ });
    expect(await conference.start(incident, { idempotencyKey: 'k-2' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('retryAfterMs', 60_000);
    expect(fake.meetings).to.have.length(1);
  });

  it('refuses an answer without a usable https joinWebUrl, and keeps a huge id out of the ref', async () => {
    const conference = await port();
    for (const json of [{ id: 'a' }, { id: 'a', joinWebUrl: 'javascript:alert(1)' }, { id: 'a', joinWebUrl: 'http://teams.microsoft.com/l/x' }, null]) {
      fake.answerNext({ status: 201, json }, /createOrGet$/);
      const error = await conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
      expect(error, JSON.stringify(json)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/usable https joinWebUrl/);
    }
    fake.answerNext({ status: 201, json: { id: 'M'.repeat(5000), joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/x' } }, /createOrGet$/);
    expect((await conference.start(incident, { idempotencyKey: 'k-1' })).id).to.equal(externalIdOf('k-1'));
  });

  it('a missing application access policy, a wrong secret or tenant are configuration problems, and no secret or token leaks', async () => {
    const unpoliced = await activate({ organizerId: 'someone.else@acme.example' });
    const forbidden = await unpoliced.ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(forbidden).to.be.instanceOf(PluginConfigError).with.property('message').that.contains('403 Forbidden');
    const wrongSecret = await activate({}, { ...SECRETS, CLIENT_SECRET: 'Wr0ng~secret.value_1234' });
    const refused = await wrongSecret.ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(PluginConfigError).with.property('message').that.contains('invalid_client, AADSTS7000215');
    const wrongTenant = await activate({ tenantId: 'contoso.example' });
    const unknown = await wrongTenant.ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(PluginConfigError).with.property('message').that.contains('invalid_request, AADSTS90002');
    const right = await activate();
    const ref = await right.ports.conference.start(incident, { idempotencyKey: 'k-1' });
    fake.failNext(500, { match: /createOrGet$/ });
    const failed = await right.ports.conference.start(incident, { idempotencyKey: 'k-2' }).catch((e: unknown) => e);
    expect(failed).to.be.instanceOf(PluginHttpError);
    const tokens = Object.fromEntries(fake.tokensIssued.map((t, i) => [`token ${i}`, t]));
    assertNoSecretIn([forbidden, refused, unknown, failed, ref, unpoliced.logs, wrongSecret.logs, right.logs], { ...SECRETS, wrong: 'Wr0ng~secret.value_1234', ...tokens });
  });

  it('keeps a private incident\'s title out of the meeting subject', async () => {
    await (await port()).start(fakeIncident({ private: true, title: 'Acquisition of Globex leaks' }), { idempotencyKey: 'k-1' });
    expect(fake.meetings[0]!.subject).to.equal('[INC-1] Private incident');
  });

  it('a remote that is down fails the call with PluginHttpError', async () => {
    const conference = await port();
    await fake.stop();
    expect(await conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/connection refused/);
  });

  it('has no end (Graph cannot end an ad hoc meeting), and refuses onResolve: end rather than ignore it', async () => {
    expect((await port()).end).to.equal(undefined);
    let error: unknown;
    await activate({ onResolve: 'end' }).catch((e: unknown) => { error = e; });
    expect(error).to.be.instanceOf(PluginConfigError).with.property('message').that.contains('onResolve');
  });

  it('describes every setting, and needs the tenant and the organizer', () => {
    expect(undescribedSettings(teamsMeetingConfigSchema)).to.deep.equal([]);
    expect(teamsMeetingConfigSchema.safeParse({}).success).to.equal(false);
    expect(teamsMeetingConfigSchema.parse({ tenantId: 'contoso.example', organizerId: 'bridge@contoso.example' }))
      .to.include({ graphUrl: 'https://graph.microsoft.com', loginUrl: 'https://login.microsoftonline.com', onResolve: 'leave' });
    expect(teamsMeetingConfigSchema.safeParse({ tenantId: '../x?y', organizerId: 'a' }).success).to.equal(false);
    expect(teamsMeetingConfigSchema.safeParse({ tenantId: '..', organizerId: 'a' }).success).to.equal(false);
  });
});
