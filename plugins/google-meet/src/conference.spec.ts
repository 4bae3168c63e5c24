import { generateKeyPairSync } from 'node:crypto';
import { createPluginHttp, PluginConfigError, PluginHttpError, type ConferencePort } from '@muster/plugin-sdk';
import { activateForTest, assertNoSecretIn, fakeIncident, undescribedSettings, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { MeetFake } from './fake';
import { MEET_SCOPE } from './google-token';
import googleMeet, { googleMeetConfigSchema } from './index';

const USER = 'oncall-bridge@acme.example';
const incident = fakeIncident({ reference: 'INC-42' });

describe('google-meet conference', () => {
  let fake: MeetFake;
  beforeEach(async () => {
    fake = await new MeetFake({ requireSubject: USER }).start();
  });
  afterEach(() => fake.stop());

  async function activate(config: Record<string, unknown> = {}, key = fake.serviceAccountKey()): Promise<ActivatedPlugin<'conference'>> {
    const http = createPluginHttp({ allowedHosts: [fake.host], backoff: { baseMs: 1, maxMs: 2 }, timeoutMs: 500, deadlineMs: 5000 });
    return activateForTest(googleMeet, { config: { apiUrl: fake.apiUrl, tokenUrl: fake.tokenUrl, impersonate: USER, ...config }, secrets: { SERVICE_ACCOUNT_KEY: key }, http });
  }
  const port = async (config?: Record<string, unknown>): Promise<ConferencePort> => (await activate(config)).ports.conference;
  const creates = () => fake.requestsTo(/^POST \/v2\/spaces$/);

  it('signs a JWT for the service account acting as the configured user, and links the new space', async () => {
    const ref = await (await port()).start(incident, { idempotencyKey: 'k-1' });
    const [space] = [...fake.spaces.values()];
    expect(ref).to.deep.equal({ id: space!.name, url: space!.meetingUri, title: 'Google Meet' });
    const [claims] = fake.assertions;
    expect(claims).to.include({ iss: fake.clientEmail, scope: MEET_SCOPE, aud: fake.tokenUrl, sub: USER });
    expect((claims!.exp as number) - (claims!.iat as number)).to.equal(3600);
  });

  it('sets the access type when configured', async () => {
    await (await port({ accessType: 'OPEN' })).start(incident, { idempotencyKey: 'k-1' });
    expect(JSON.parse(creates()[0]!.body)).to.deep.equal({ config: { accessType: 'OPEN' } });
  });

  it('returns the remembered space when the call comes again, redone after a crash or not', async () => {
    const plugin = await activate();
    const first = await plugin.ports.conference.start(incident, { idempotencyKey: 'k-1' });
    expect(await plugin.ports.conference.start(incident, { idempotencyKey: 'k-1' })).to.deep.equal(first);
    expect(await plugin.ports.conference.start(incident, { idempotencyKey: 'k-1', uncertainSince: new Date() })).to.deep.equal(first);
    expect(fake.spaces.size).to.equal(1);
    expect(creates()).to.have.length(1);
    expect([...plugin.storage.keys()].join()).to.not.contain('k-1');
  });

  it('a redo with nothing remembered creates the space (Meet cannot list spaces to look for one)', async () => {
    const ref = await (await port()).start(incident, { idempotencyKey: 'k-1', uncertainSince: new Date() });
    expect(fake.spaces.has(ref.id)).to.equal(true);
  });

  it('keeps the token in memory across calls, and fetches a new one once when Google says it is no longer valid', async () => {
    const conference = await port();
    await conference.start(incident, { idempotencyKey: 'k-1' });
    await conference.start(incident, { idempotencyKey: 'k-2' });
    expect(fake.tokensIssued).to.have.length(1);
    fake.expireTokens();
    await conference.start(incident, { idempotencyKey: 'k-3' });
    expect(fake.tokensIssued).to.have.length(2);
    fake.failNext(401, { match: /^POST \/v2\// });
    fake.failNext(401, { match: /^POST \/v2\// });
    expect(await conference.start(incident, { idempotencyKey: 'k-4' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('status', 401);
    expect(fake.tokensIssued).to.have.length(3);
  });

  it('a 429 with Retry-After is waited out, one space made; a long one goes back to the outbox', async () => {
    const conference = await port();
    fake.failNext(429, { retryAfter: 0, match: /^POST \/v2\// });
    await conference.start(incident, { idempotencyKey: 'k-1' });
    expect(fake.spaces.size).to.equal(1);
    fake.failNext(429, { retryAfter: 90, match: /^POST \/v2\// });
    expect(await conference.start(incident, { idempotencyKey: 'k-2' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('retryAfterMs', 90_000);
    expect(fake.spaces.size).to.equal(1);
  });

  it('refuses a space without a usable name or https meetingUri, and remembers nothing', async () => {
    const plugin = await activate();
    for (const json of [{ name: 'spaces/abc' }, { name: 'spaces/abc', meetingUri: 'javascript:alert(1)' }, { name: '../users/x', meetingUri: 'https://meet.google.com/abc-defg-hij' }, 'spaces/abc']) {
      fake.answerNext({ status: 200, json }, /^POST \/v2\//);
      const error = await plugin.ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
      expect(error, JSON.stringify(json)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/usable name and https meetingUri/);
    }
    expect(plugin.storage.size).to.equal(0);
  });

  it('a token answer without a usable access_token (missing, with a newline, not JSON) fails before any space is made', async () => {
    const conference = await port();
    for (const answer of [{ status: 200, json: { expires_in: 3599 } }, { status: 200, json: { access_token: 'ya29.a\r\nX-Injected: 1' } }, { status: 200, json: 'ya29.plain' }]) {
      fake.answerNext(answer, /^POST \/token$/);
      expect(await conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e), JSON.stringify(answer)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/usable access_token/);
    }
    expect(creates()).to.have.length(0);
  });

  it('a remote that is down fails the call with PluginHttpError', async () => {
    const conference = await port();
    await fake.stop();
    expect(await conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/connection refused/);
  });

  it('ends the active conference on resolve only with onResolve: end; no conference going on is nothing to end', async () => {
    const leave = await port();
    const ref = await leave.start(incident, { idempotencyKey: 'k-1' });
    fake.startConference(ref.id);
    await leave.end!(ref, incident, { idempotencyKey: 'k-end' });
    expect(fake.requestsTo(/:endActiveConference$/)).to.have.length(0);
    const end = await port({ onResolve: 'end' });
    await end.end!(ref, incident, { idempotencyKey: 'k-end' });
    expect(fake.spaces.get(ref.id)!.activeConference).to.equal(false);
    await end.end!(ref, incident, { idempotencyKey: 'k-end' });
    await end.end!({ id: 'spaces/gone' }, incident, { idempotencyKey: 'k-end' });
    expect(fake.requestsTo(/:endActiveConference$/)).to.have.length(3);
  });

  it('a key Google does not know, or delegation not granted, is a configuration problem; the key never leaks', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const forged = JSON.stringify({ ...JSON.parse(fake.serviceAccountKey()), private_key: stranger });
    const wrongKey = await activate({}, forged);
    const bad = await wrongKey.ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(bad).to.be.instanceOf(PluginConfigError).with.property('message').that.contains('invalid_grant');
    const wrongUser = await activate({ impersonate: 'someone@acme.example' });
    const denied = await wrongUser.ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(denied).to.be.instanceOf(PluginConfigError).with.property('message').that.contains('unauthorized_client');
    const right = await activate({ onResolve: 'end' });
    const ref = await right.ports.conference.start(incident, { idempotencyKey: 'k-1' });
    fake.failNext(500, { match: /:endActiveConference$/ });
    const failed = await right.ports.conference.end!(ref, incident, { idempotencyKey: 'k-2' }).catch((e: unknown) => e);
    expect(failed).to.be.instanceOf(PluginHttpError);
    const secrets = { key: fake.privateKeyPem, stranger, keyBody: fake.privateKeyPem.split('\n')[5]!, ...Object.fromEntries(fake.tokensIssued.map((t, i) => [`token ${i}`, t])) };
    assertNoSecretIn([bad, denied, failed, ref, wrongKey.logs, wrongUser.logs, right.logs, right.storage], secrets);
  });

  it('names what is wrong with a malformed key file without quoting it', async () => {
    const cases: [string, RegExp][] = [
      ['not json {', /not JSON/],
      [JSON.stringify({ client_email: 'a@b', private_key: 'MIIEv-not-a-pem-secretish' }), /not a PEM private key/],
      [JSON.stringify({ private_key: fake.privateKeyPem }), /client_email is missing/],
      [JSON.stringify({ type: 'authorized_user', client_email: 'a@b' }), /type is not service_account/],
    ];
    for (const [key, reason] of cases) {
      const error = await (await activate({}, key)).ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(PluginConfigError).with.property('message').that.matches(reason);
      assertNoSecretIn(error, ['MIIEv-not-a-pem-secretish', fake.privateKeyPem.split('\n')[5]!]);
    }
    expect(fake.requests).to.have.length(0);
  });

  it('describes every setting and defaults onResolve to leave', () => {
    expect(undescribedSettings(googleMeetConfigSchema)).to.deep.equal([]);
    expect(googleMeetConfigSchema.parse({})).to.include({ onResolve: 'leave', apiUrl: 'https://meet.googleapis.com/v2', tokenUrl: 'https://oauth2.googleapis.com/token' });
  });
});
