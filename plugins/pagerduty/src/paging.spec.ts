import { PluginConfigError, PluginHttpError } from '@muster/plugin-sdk';
import { assertNoSecretIn, fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import type { PagerDutyFake } from './fake';
import { activated, API_TOKEN, SECRETS, seededFake, servicePage } from './paging-host.spec-helper';

/** The create of a page; the on-call look-up (GET /services, GET /oncalls) runs beside it. */
const CREATE = /^POST \/incidents$/;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('pagerduty paging: page', () => {
  let pd: PagerDutyFake;
  beforeEach(async () => { pd = await seededFake(); });
  afterEach(() => pd.stop());

  it('opens one incident on the catalogue\'s PagerDuty service with the dedup key, and returns the level-1 on-call with emails and a link', async () => {
    const { ports } = await activated(pd);
    const result = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const [incident] = pd.incidents();
    expect(pd.incidents()).to.have.length(1);
    expect(incident).to.deep.include({ serviceId: 'PF9KMXH', incidentKey: 'muster:incident-1:checkout', urgency: 'high', title: 'INC-7: Checkout is failing' });
    expect(incident!.details).to.contain('Room: https://example.slack.com/archives/C0INC1');
    expect(result.ref).to.deep.equal({ id: incident!.id, url: `https://acme.pagerduty.com/incidents/${incident!.id}`, title: '#1' });
    expect(result.paged).to.deep.equal([
      { platform: 'pagerduty', id: 'PTUXL6G', name: 'Ana Lima', email: 'ana@example.com' },
      { platform: 'pagerduty', id: 'PXCT22H', name: 'Bo Chen', email: 'bo@example.com' },
    ]);
    expect(result.acknowledged).to.equal(false);
    const create = pd.requests.find((r) => r.method === 'POST')!;
    expect(create.headers).to.include({ authorization: `Token token=${API_TOKEN}`, accept: 'application/vnd.pagerduty+json;version=2', from: 'muster-bot@example.com' });
  });

  it('creates once when the outbox repeats the call: PagerDuty refuses the second key and the plugin returns the first incident', async () => {
    const { ports } = await activated(pd);
    const first = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const again = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    expect(pd.incidents()).to.have.length(1);
    expect(again.ref).to.deep.equal(first.ref);
    expect(again.paged.map((p) => p.email)).to.deep.equal(['ana@example.com', 'bo@example.com']);
  });

  it('with uncertainSince looks the incident up by incident_key first and creates nothing when an earlier attempt made it', async () => {
    const { ports } = await activated(pd);
    const first = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const posts = pd.requests.filter((r) => r.method === 'POST').length;
    const redo = await ports.paging.page(servicePage(), { idempotencyKey: 'k1', uncertainSince: new Date() });
    expect(redo.ref).to.deep.equal(first.ref);
    expect(pd.requests.filter((r) => r.method === 'POST')).to.have.length(posts);
    expect(pd.requests.some((r) => r.path === '/incidents' && r.query.get('incident_key') === 'muster:incident-1:checkout')).to.equal(true);
  });

  it('with uncertainSince and nothing found (the crash came before the create) pages', async () => {
    const { ports } = await activated(pd);
    await ports.paging.page(servicePage(), { idempotencyKey: 'k1', uncertainSince: new Date() });
    expect(pd.incidents()).to.have.length(1);
  });

  it('looks up the on-call beside the create; a look-up that fails still leaves one incident, and the retry pages nobody twice', async () => {
    const { ports } = await activated(pd);
    pd.failNext(404, { match: /^GET \/services\// });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(pd.incidents(), 'the create went on beside the failed look-up').to.have.length(1);
    const retried = await ports.paging.page(servicePage(), { idempotencyKey: 'k1', uncertainSince: new Date() });
    expect(pd.incidents()).to.have.length(1);
    expect(pd.requestsTo(CREATE)).to.have.length(1);
    expect(retried.ref?.id).to.equal(pd.incidents()[0]!.id);
    expect(retried.paged.map((p) => p.email)).to.deep.equal(['ana@example.com', 'bo@example.com']);
  });

  it('waits out a 429 with Retry-After and pages once', async () => {
    const { ports } = await activated(pd);
    // The on-call look-up runs beside the create: the 429 is scripted for the create itself.
    pd.failNext(429, { retryAfter: 1, match: CREATE });
    await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    expect(pd.incidents()).to.have.length(1);
    expect(pd.requestsTo(CREATE)).to.have.length(2);
  });

  it('surfaces a wrong token as a PluginHttpError 401 without the token, and logs nothing secret', async () => {
    const { ports, logs } = await activated(pd, {}, { ...SECRETS, API_TOKEN: 'pd-wrong-token-7Yh2' });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect((error as PluginHttpError).status).to.equal(401);
    assertNoSecretIn([error, logs], { API_TOKEN: 'pd-wrong-token-7Yh2', WEBHOOK_SECRET: SECRETS.WEBHOOK_SECRET });
    expect(pd.incidents()).to.have.length(0);
  });

  it('without API_TOKEN is a PluginConfigError naming the variable, and calls nothing', async () => {
    const { ports } = await activated(pd, {}, { WEBHOOK_SECRET: SECRETS.WEBHOOK_SECRET });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.contain('MUSTER_PLUGIN_PAGERDUTY_API_TOKEN');
    expect(pd.requests).to.have.length(0);
  });

  it('an account key without the from setting is a PluginConfigError naming from', async () => {
    const { ports } = await activated(pd, { from: undefined });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginConfigError).with.property('key', 'from');
    expect(pd.incidents()).to.have.length(0);
  });

  it('pages defaultService for a service the catalogue does not map', async () => {
    const { ports } = await activated(pd);
    const result = await ports.paging.page({ ...servicePage('k-search'), target: { kind: 'service', name: 'search' } }, { idempotencyKey: 'k2' });
    expect(pd.incidents()[0]!.serviceId).to.equal('PDEFAULT');
    expect(result.paged.map((p) => p.email)).to.deep.equal(['dee@example.com']);
  });

  it('pages a person by email: finds the PagerDuty user and assigns the incident to them on defaultService', async () => {
    const { ports } = await activated(pd);
    const person = { platform: 'slack', id: 'U0RILEY', name: 'Riley', email: 'Riley@Example.com' };
    const result = await ports.paging.page({ ...servicePage('k-riley'), target: { kind: 'person', person } }, { idempotencyKey: 'k3' });
    expect(pd.incidents()[0]!.assignees.map((u) => u.email)).to.deep.equal(['riley@example.com']);
    expect(pd.incidents()[0]!.serviceId).to.equal('PDEFAULT');
    expect(result.paged).to.deep.equal([{ platform: 'pagerduty', id: 'PRILEY1', name: 'Riley Responder', email: 'riley@example.com' }]);
  });

  it('refuses a person PagerDuty does not know, creating nothing', async () => {
    const { ports } = await activated(pd);
    const person = { platform: 'slack', id: 'U0X', email: 'nobody@example.com' };
    const error = await rejection(ports.paging.page({ ...servicePage('k-x'), target: { kind: 'person', person } }, { idempotencyKey: 'k4' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(pd.incidents()).to.have.length(0);
  });
});

describe('pagerduty paging: hostile answers and a remote that is down', () => {
  let pd: PagerDutyFake;
  beforeEach(async () => { pd = await seededFake(); });
  afterEach(() => pd.stop());

  it('fails cleanly on a body that is not JSON', async () => {
    const { ports } = await activated(pd);
    pd.answerNext({ status: 201, text: '<html>gateway</html>' });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.contain('not JSON');
  });

  it('fails cleanly on JSON of the wrong shape, naming the field', async () => {
    const { ports } = await activated(pd);
    pd.answerNext({ status: 201, json: { incident: { id: 42, status: ['x'] } } }, CREATE);
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.match(/unexpected body \(incident\.id/);
  });

  it('refuses a huge answer', async () => {
    const { ports } = await activated(pd);
    pd.answerNext({ status: 201, text: JSON.stringify({ incident: { id: 'P1', status: 'triggered', title: 'x'.repeat(2 * 1024 * 1024) } }) });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.contain('larger than');
  });

  it('a hung remote times out as a PluginHttpError the outbox retries', async () => {
    const { ports } = await activated(pd);
    pd.hangNext(CREATE);
    pd.hangNext(CREATE);
    pd.hangNext(CREATE);
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.contain('timed out');
  });

  it('a remote that is down is a PluginHttpError', async () => {
    const { ports } = await activated(pd);
    await pd.stop();
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    pd = await seededFake();
  });
});

describe('pagerduty paging: resolve', () => {
  let pd: PagerDutyFake;
  beforeEach(async () => { pd = await seededFake(); });
  afterEach(() => pd.stop());

  it('resolves the incident it paged, by the ref', async () => {
    const { ports } = await activated(pd);
    const { ref } = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    await ports.paging.resolve({ incident: fakeIncident(), dedupKey: 'muster:incident-1:checkout', ref }, { idempotencyKey: 'r1' });
    expect(pd.incidents()[0]!.status).to.equal('resolved');
    const put = pd.requests.find((r) => r.method === 'PUT')!;
    expect(put.json).to.deep.equal({ incident: { type: 'incident_reference', status: 'resolved' } });
  });

  it('resolves by dedupKey without a ref or memory (looked up by incident_key), and again harmlessly', async () => {
    const { ports } = await activated(pd);
    await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const { ports: fresh } = await activated(pd);
    await fresh.paging.resolve({ incident: fakeIncident(), dedupKey: 'muster:incident-1:checkout' }, { idempotencyKey: 'r1' });
    await fresh.paging.resolve({ incident: fakeIncident(), dedupKey: 'muster:incident-1:checkout' }, { idempotencyKey: 'r1' });
    expect(pd.incidents()[0]!.status).to.equal('resolved');
  });

  it('resolving a key that never paged calls no write', async () => {
    const { ports } = await activated(pd);
    await ports.paging.resolve({ incident: fakeIncident(), dedupKey: 'never-paged' }, { idempotencyKey: 'r1' });
    expect(pd.requests.filter((r) => r.method === 'PUT')).to.have.length(0);
  });
});

