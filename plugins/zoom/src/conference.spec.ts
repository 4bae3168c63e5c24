import { createPluginHttp, PluginConfigError, PluginHttpError, type ConferencePort } from '@muster/plugin-sdk';
import { activateForTest, assertNoSecretIn, fakeIncident, undescribedSettings, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { ZoomFake } from './fake';
import { meetingMarker } from './marker';
import zoom, { zoomConfigSchema } from './index';

const SECRETS = { ACCOUNT_ID: 'acct-Zx81QpLm', CLIENT_ID: 'cid-Jh27RtVb0q', CLIENT_SECRET: 'csec-9vN3kQw7TyPa2LmX' };
const incident = fakeIncident({ reference: 'INC-42', title: 'Checkout is failing' });

describe('zoom conference', () => {
  let fake: ZoomFake;
  beforeEach(async () => {
    fake = await new ZoomFake({ accountId: SECRETS.ACCOUNT_ID, clientId: SECRETS.CLIENT_ID, clientSecret: SECRETS.CLIENT_SECRET }).start();
  });
  afterEach(() => fake.stop());

  async function activate(config: Record<string, unknown> = {}, secrets: Record<string, string> = SECRETS): Promise<ActivatedPlugin<'conference'>> {
    const http = createPluginHttp({ allowedHosts: [fake.host], backoff: { baseMs: 1, maxMs: 2 }, timeoutMs: 500, deadlineMs: 5000 });
    return activateForTest(zoom, { config: { apiUrl: fake.apiUrl, oauthUrl: fake.oauthUrl, ...config }, secrets, http });
  }
  const port = async (config?: Record<string, unknown>): Promise<ConferencePort> => (await activate(config)).ports.conference;
  const creates = () => fake.requestsTo(/^POST \/v2\/users\/me\/meetings$/);

  it('creates a scheduled meeting with the incident in its topic and the key\'s marker in its agenda, and links its join URL', async () => {
    const ref = await (await port()).start(incident, { idempotencyKey: 'k-1' });
    const [meeting] = [...fake.meetings.values()];
    expect(ref).to.deep.equal({ id: String(meeting!.id), url: meeting!.join_url, title: 'Zoom meeting' });
    expect(meeting).to.include({ topic: '[INC-42] Checkout is failing', type: 2 });
    expect(meeting!.agenda).to.contain('INC-42').and.match(new RegExp(`${meetingMarker('k-1')}$`));
    const [token] = fake.requestsTo(/^POST \/oauth\/token$/);
    expect(token!.query.get('grant_type')).to.equal('account_credentials');
    expect(token!.query.get('account_id')).to.equal(SECRETS.ACCOUNT_ID);
  });

  it('creates an instant meeting (type 1, no start time) when configured', async () => {
    await (await port({ meetingType: 'instant' })).start(incident, { idempotencyKey: 'k-1' });
    const body = JSON.parse(creates()[0]!.body) as Record<string, unknown>;
    expect(body).to.include({ type: 1 }).and.not.have.property('start_time');
  });

  it('keeps the token in memory across calls, and fetches a new one once when Zoom says it expired', async () => {
    const conference = await port();
    await conference.start(incident, { idempotencyKey: 'k-1' });
    await conference.start(incident, { idempotencyKey: 'k-2' });
    expect(fake.tokensIssued).to.have.length(1);
    fake.expireTokens();
    await conference.start(incident, { idempotencyKey: 'k-3' });
    expect(fake.tokensIssued).to.have.length(2);
    expect(fake.meetings.size).to.equal(3);
  });

  it('refreshes only once: a 401 with a fresh token fails the call instead of looping', async () => {
    const conference = await port();
    fake.failNext(401, { match: /^POST \/v2\// });
    fake.failNext(401, { match: /^POST \/v2\// });
    const error = await conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PluginHttpError).with.property('status', 401);
    expect(creates()).to.have.length(2);
    expect(fake.tokensIssued).to.have.length(2);
    expect(fake.meetings.size).to.equal(0);
  });

  it('a redone call (uncertainSince) finds the meeting the earlier attempt created instead of creating a second', async () => {
    const first = await (await port()).start(incident, { idempotencyKey: 'k-1' });
    // The process died before recording `first`: a new process redoes the call.
    const again = await (await port()).start(incident, { idempotencyKey: 'k-1', uncertainSince: new Date() });
    expect(again).to.deep.equal(first);
    expect(fake.meetings.size).to.equal(1);
    expect(creates()).to.have.length(1);
    expect(fake.requestsTo(/^GET \/v2\/users\/me\/meetings$/).map((r) => r.query.get('type'))).to.deep.equal(['live', 'upcoming']);
  });

  it('finds a live meeting, and reads every page of upcoming ones before creating when the earlier attempt made none', async () => {
    await fake.stop();
    fake = await new ZoomFake({ ...fake.options, maxPageSize: 1 }).start();
    const conference = await port();
    await conference.start(incident, { idempotencyKey: 'k-a' });
    await conference.start(incident, { idempotencyKey: 'k-b' });
    const mine = await conference.start(incident, { idempotencyKey: 'k-1' });
    fake.startMeeting(Number(mine.id));
    expect(await conference.start(incident, { idempotencyKey: 'k-1', uncertainSince: new Date() })).to.deep.equal(mine);
    const other = await conference.start(incident, { idempotencyKey: 'k-other', uncertainSince: new Date() });
    expect(other.id).to.not.equal(mine.id);
    expect(fake.meetings.size).to.equal(4);
    expect(fake.requestsTo(/^GET /).some((r) => r.query.get('next_page_token') === '2')).to.equal(true);
  });

  it('a malformed list answer finds nothing (and pages no further) rather than failing the redo or matching wrongly', async () => {
    const conference = await port();
    fake.answerNext({ status: 200, json: { meetings: 'all of them', next_page_token: 'x'.repeat(5000) } }, /^GET /);
    fake.answerNext({ status: 200, json: { meetings: [null, 7, { agenda: meetingMarker('k-1'), id: 5, join_url: 'javascript:alert(1)' }] } }, /^GET /);
    const ref = await conference.start(incident, { idempotencyKey: 'k-1', uncertainSince: new Date() });
    expect(fake.requestsTo(/^GET /)).to.have.length(2);
    expect(ref.url).to.match(/^https:\/\/us05web\.zoom\.us\/j\//);
    expect(fake.meetings.size).to.equal(1);
  });

  it('a 429 with Retry-After is waited out within the call, and creates one meeting', async () => {
    fake.failNext(429, { retryAfter: 0, match: /^POST \/v2\// });
    await (await port()).start(incident, { idempotencyKey: 'k-1' });
    expect(creates()).to.have.length(2);
    expect(fake.meetings.size).to.equal(1);
  });

  it('a Retry-After beyond the call\'s time limit goes back to the outbox with retryAfterMs, nothing created', async () => {
    fake.failNext(429, { retryAfter: 120, match: /^POST \/v2\// });
    const error = await (await port()).start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PluginHttpError).with.property('retryAfterMs', 120_000);
    expect(fake.meetings.size).to.equal(0);
  });

  it('refuses answers without a usable join link (missing, javascript:, http with credentials) or id', async () => {
    const conference = await port();
    for (const json of [{ id: 1 }, { id: 1, join_url: 'javascript:alert(1)' }, { id: 1, join_url: 'https://u:p@zoom.us/j/1' }, { id: 'x;1', join_url: 'https://zoom.us/j/1' }, []]) {
      fake.answerNext({ status: 201, json }, /^POST \/v2\//);
      const error = await conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
      expect(error, JSON.stringify(json)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/usable id and https join_url/);
    }
  });

  it('a remote that is down or hangs fails the call with PluginHttpError, for the outbox to retry', async () => {
    const conference = await port();
    fake.hangNext(/^POST \/v2\//);
    fake.hangNext(/^POST \/v2\//);
    fake.hangNext(/^POST \/v2\//);
    expect(await conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/timed out/);
    await fake.stop();
    expect(await conference.start(incident, { idempotencyKey: 'k-2' }).catch((e: unknown) => e)).to.be.instanceOf(PluginHttpError).with.property('message').that.matches(/connection refused/);
  });

  it('ends the meeting on resolve only with onResolve: end, and a meeting Zoom no longer has is already over', async () => {
    const leave = await port();
    const ref = await leave.start(incident, { idempotencyKey: 'k-1' });
    await leave.end!(ref, incident, { idempotencyKey: 'k-end' });
    expect(fake.requestsTo(/^PUT /)).to.have.length(0);
    expect(fake.meetings.get(Number(ref.id))!.status).to.equal('waiting');
    const end = await port({ onResolve: 'end' });
    await end.end!(ref, incident, { idempotencyKey: 'k-end' });
    expect(JSON.parse(fake.requestsTo(/^PUT \/v2\/meetings\/\d+\/status$/)[0]!.body)).to.deep.equal({ action: 'end' });
    expect(fake.meetings.get(Number(ref.id))!.status).to.equal('ended');
    await end.end!({ id: '999', title: 'Zoom meeting' }, incident, { idempotencyKey: 'k-end' });
  });

  it('reports wrong credentials as a configuration problem, and no secret or token reaches logs, errors or answers', async () => {
    const wrong = await activate({}, { ...SECRETS, CLIENT_SECRET: 'csec-WRONG-77hQpZ' });
    const error = await wrong.ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PluginConfigError).with.property('message').that.contains('invalid_client');
    assertNoSecretIn([error, wrong.logs], { ...SECRETS, wrongSecret: 'csec-WRONG-77hQpZ' });
    const right = await activate({ onResolve: 'end' });
    const ref = await right.ports.conference.start(incident, { idempotencyKey: 'k-1' });
    fake.failNext(500, { match: /^PUT / });
    const failed = await right.ports.conference.end!(ref, incident, { idempotencyKey: 'k-2' }).catch((e: unknown) => e);
    expect(failed).to.be.instanceOf(PluginHttpError);
    const tokens = Object.fromEntries(fake.tokensIssued.map((t, i) => [`token ${i}`, t]));
    assertNoSecretIn([ref, failed, right.logs, right.storage], { ...SECRETS, ...tokens });
  });

  it('asks for the missing secret by its variable name', async () => {
    const { ACCOUNT_ID: _gone, ...rest } = SECRETS;
    const error = await (await activate({}, rest)).ports.conference.start(incident, { idempotencyKey: 'k-1' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PluginConfigError).with.property('message', 'Set MUSTER_PLUGIN_ZOOM_ACCOUNT_ID.');
    expect(fake.requests).to.have.length(0);
  });

  it('keeps the marker when the summary is huge, and the topic within Zoom\'s 200 characters', async () => {
    await (await port()).start(fakeIncident({ title: 'x'.repeat(500), summary: 'y'.repeat(5000) }), { idempotencyKey: 'k-1' });
    const [meeting] = [...fake.meetings.values()];
    expect(meeting!.topic).to.have.length(200);
    expect(meeting!.agenda).to.have.length.at.most(2000).and.match(new RegExp(`${meetingMarker('k-1')}$`));
  });

  it('keeps a private incident\'s title and summary out of Zoom', async () => {
    await (await port()).start(fakeIncident({ private: true, title: 'Acquisition of Globex leaks', summary: 'Board only' }), { idempotencyKey: 'k-1' });
    const [meeting] = [...fake.meetings.values()];
    expect(meeting!.topic).to.equal('[INC-1] Private incident');
    expect(meeting!.agenda).to.not.match(/Globex|Board|slack\.com/);
    expect(meeting!.agenda).to.contain(meetingMarker('k-1'));
  });

  it('describes every setting and defaults onResolve to leave', () => {
    expect(undescribedSettings(zoomConfigSchema)).to.deep.equal([]);
    expect(zoomConfigSchema.parse({})).to.include({ onResolve: 'leave', apiUrl: 'https://api.zoom.us/v2', oauthUrl: 'https://zoom.us/oauth/token', userId: 'me' });
  });
});
