import { PluginConfigError, PluginHttpError } from '@muster/plugin-sdk';
import { assertNoSecretIn, fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import type { OpsgenieFake } from './fake';
import { activated, API_KEY, rejection, SECRETS, seededFake, servicePage } from './paging-host.spec-helper';

const alertPosts = (og: OpsgenieFake) => og.requests.filter((r) => r.method === 'POST' && r.path === '/v2/alerts');

describe('opsgenie paging: page', () => {
  let og: OpsgenieFake;
  beforeEach(async () => { og = await seededFake(); });
  afterEach(() => og.stop());

  it('raises one alert with the dedupKey as alias to the service\'s schedule, and returns who is on call with emails and a link', async () => {
    const { ports } = await activated(og);
    const result = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const [alert] = og.alerts();
    expect(og.alerts()).to.have.length(1);
    expect(alert).to.deep.include({ alias: 'muster:incident-1:checkout', message: 'INC-7: Checkout is failing', priority: 'P1', status: 'open', count: 1 });
    expect(alert!.responders).to.deep.equal([{ type: 'schedule', name: 'checkout_oncall', username: undefined }]);
    expect(alert!.description).to.contain('Room: https://example.slack.com/archives/C0INC1');
    expect(result.ref).to.deep.equal({ id: alert!.id, url: `https://acme.app.opsgenie.com/alert/detail/${alert!.id}/details`, title: '#1' });
    expect(result.paged).to.deep.equal([
      { platform: 'opsgenie', id: 'ana@example.com', name: 'ana@example.com', email: 'ana@example.com' },
      { platform: 'opsgenie', id: 'bo@example.com', name: 'bo@example.com', email: 'bo@example.com' },
    ]);
    expect(alertPosts(og)[0]!.headers.authorization).to.equal(`GenieKey ${API_KEY}`);
  });

  it('a repeated call is de-duplicated by alias: one alert, the same ref', async () => {
    const { ports } = await activated(og);
    const first = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const again = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    expect(og.alerts()).to.have.length(1);
    expect(again.ref).to.deep.equal(first.ref);
  });

  it('with uncertainSince looks the alias up first and creates nothing when an earlier attempt made it', async () => {
    const { ports } = await activated(og);
    const first = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const redo = await ports.paging.page(servicePage(), { idempotencyKey: 'k1', uncertainSince: new Date() });
    expect(redo.ref).to.deep.equal(first.ref);
    expect(alertPosts(og)).to.have.length(1);
    expect(og.alerts()[0]!.count).to.equal(1);
  });

  it('with uncertainSince and nothing there (the crash came first) pages', async () => {
    const { ports } = await activated(og);
    await ports.paging.page(servicePage(), { idempotencyKey: 'k1', uncertainSince: new Date() });
    expect(og.alerts()).to.have.length(1);
  });

  it('polls the asynchronous create until it is processed, a bounded number of times', async () => {
    await og.stop();
    og = await seededFake({ pendingPolls: 2 });
    const { ports } = await activated(og);
    const result = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    expect(result.ref!.id).to.equal(og.alerts()[0]!.id);
    expect(og.requests.filter((r) => r.path.startsWith('/v2/alerts/requests/'))).to.have.length(3);
  });

  it('links the alert by alias when Opsgenie has not processed it within the polls', async () => {
    await og.stop();
    og = await seededFake({ pendingPolls: 99 });
    const { ports } = await activated(og, { requestPolls: 2 });
    const result = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    expect(result.ref).to.deep.equal({ id: 'muster:incident-1:checkout', title: 'Opsgenie alert' });
    expect(og.requests.filter((r) => r.path.startsWith('/v2/alerts/requests/'))).to.have.length(2);
  });

  it('a create Opsgenie processed as failed (an unknown responder) is an error with its reason', async () => {
    const { ports } = await activated(og);
    const page = { ...servicePage(), target: { kind: 'service' as const, name: 'search' } };
    const error = await rejection(ports.paging.page(page, { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.contain('Responder [search] of type [schedule] does not exist');
  });

  it('pages a team as a team, and reads who is on call from <team>_schedule', async () => {
    const { ports } = await activated(og, { responderType: 'team', defaultResponder: 'Payments' });
    const result = await ports.paging.page({ ...servicePage(), target: { kind: 'service', name: 'payments' } }, { idempotencyKey: 'k1' });
    expect(og.alerts()[0]!.responders).to.deep.equal([{ type: 'team', name: 'Payments', username: undefined }]);
    expect(result.paged.map((p) => p.email)).to.deep.equal(['cy@example.com']);
  });

  it('pages a team without a schedule: paged, who is on call unknown, a warning logged', async () => {
    og.addTeam('Search');
    const { ports, logs } = await activated(og, { responderType: 'team' });
    const result = await ports.paging.page({ ...servicePage(), target: { kind: 'service', name: 'Search' } }, { idempotencyKey: 'k1' });
    expect(og.alerts()).to.have.length(1);
    expect(result.paged).to.deep.equal([]);
    expect(logs.some((l) => l.level === 'warn' && l.fields?.['schedule'] === 'Search_schedule')).to.equal(true);
  });

  it('pages a person by email as a user responder, low urgency as P3', async () => {
    const { ports } = await activated(og);
    const person = { platform: 'slack', id: 'U0RILEY', name: 'Riley', email: 'Riley@example.com' };
    const result = await ports.paging.page({ ...servicePage('k-riley'), urgency: 'low', target: { kind: 'person', person } }, { idempotencyKey: 'k3' });
    expect(og.alerts()[0]!).to.deep.include({ priority: 'P3', responders: [{ type: 'user', name: undefined, username: 'riley@example.com' }] });
    expect(result.paged).to.deep.equal([{ platform: 'opsgenie', id: 'riley@example.com', name: 'Riley', email: 'riley@example.com' }]);
  });

  it('a person without an email is a PluginConfigError and nothing is sent', async () => {
    const { ports } = await activated(og);
    const error = await rejection(ports.paging.page({ ...servicePage(), target: { kind: 'person', person: { platform: 'slack', id: 'U0X' } } }, { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(og.requests).to.have.length(0);
  });

  it('waits out a 429 with Retry-After and raises one alert', async () => {
    const { ports } = await activated(og);
    og.failNext(429, { retryAfter: 1 });
    await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    expect(alertPosts(og)).to.have.length(2);
    expect(og.alerts()).to.have.length(1);
  });

  it('a wrong key is a PluginHttpError 401 that carries no key, and nothing secret is logged', async () => {
    const { ports, logs } = await activated(og, {}, { ...SECRETS, API_KEY: 'og-key-wrong-0000-1111' });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginHttpError).with.property('status', 401);
    assertNoSecretIn([error, logs], { API_KEY: 'og-key-wrong-0000-1111', TOKEN: SECRETS.TOKEN });
    expect(og.alerts()).to.have.length(0);
  });

  it('without API_KEY is a PluginConfigError naming the variable', async () => {
    const { ports } = await activated(og, {}, { TOKEN: SECRETS.TOKEN });
    const error = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.contain('MUSTER_PLUGIN_OPSGENIE_API_KEY');
  });
});

describe('opsgenie paging: hostile answers, resolve', () => {
  let og: OpsgenieFake;
  beforeEach(async () => { og = await seededFake(); });
  afterEach(() => og.stop());

  it('fails cleanly on a body that is not JSON, on the wrong shape, and on a huge answer', async () => {
    const { ports } = await activated(og);
    og.answerNext({ status: 202, text: 'Request will be processed' });
    expect((await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }))).message).to.contain('not JSON');
    og.answerNext({ status: 202, json: { requestId: { $ne: null } } });
    expect((await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }))).message).to.match(/unexpected body \(requestId/);
    og.answerNext({ status: 202, text: JSON.stringify({ requestId: 'x', junk: 'y'.repeat(2 * 1024 * 1024) }) });
    const huge = await rejection(ports.paging.page(servicePage(), { idempotencyKey: 'k1' }));
    expect(huge).to.be.instanceOf(PluginHttpError);
    expect(huge.message).to.contain('larger than');
    expect(og.alerts()).to.have.length(0);
  });

  it('resolve closes the alert by alias, with a note, and again harmlessly', async () => {
    const { ports } = await activated(og);
    const { ref } = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    await ports.paging.resolve({ incident: fakeIncident({ reference: 'INC-7' }), dedupKey: 'muster:incident-1:checkout', ref }, { idempotencyKey: 'r1' });
    await ports.paging.resolve({ incident: fakeIncident({ reference: 'INC-7' }), dedupKey: 'muster:incident-1:checkout', ref }, { idempotencyKey: 'r1' });
    expect(og.alerts()[0]!.status).to.equal('closed');
    expect(og.alerts()[0]!.history).to.deep.equal([{ action: 'Close', by: 'Muster', note: 'Resolved in Muster (INC-7)' }]);
    const close = og.requests.find((r) => r.path.endsWith('/close'))!;
    expect(close.query.get('identifierType')).to.equal('alias');
  });
});
