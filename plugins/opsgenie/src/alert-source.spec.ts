import { activateForTest, assertNoSecretIn, webhookRequest } from '@muster/plugin-sdk/testing';
import { PayloadError, type AlertSignal, type AlertSource } from '@muster/plugin-sdk';
import { expect } from 'chai';
import { acknowledge, addNote, close, create, updatePriority } from './fixtures';
import opsgenie from './index';

const TOKEN = 'og-hook-token-93jd7Q';
const USER = 'opsgenie';
const PASSWORD = 'og-basic-pw-1x8Lm';

async function source(config: unknown = {}, secrets: Record<string, string> = { TOKEN }, severities?: { id: string; label: string }[]): Promise<AlertSource> {
  return (await activateForTest(opsgenie, { config, secrets, severities })).ports['alert-source'];
}
const one = (signals: readonly AlertSignal[]): AlertSignal => {
  expect(signals).to.have.length(1);
  return signals[0]!;
};
const parse = (src: AlertSource, body: unknown) => src.parse(webhookRequest({ body }));
const withAlert = (fixture: typeof create, changes: Record<string, unknown>) => ({ ...fixture, alert: { ...fixture.alert, ...changes } });
function parseError(src: AlertSource, body: unknown): string {
  try {
    parse(src, body);
  } catch (error) {
    expect(error).to.be.instanceOf(PayloadError);
    return (error as PayloadError).reason;
  }
  throw new Error('parse accepted the payload');
}

describe('opsgenie alert source: parse', () => {
  it('reads nothing from the webhooks of an alert Muster raised to page (its alias is a Muster dedup key), so paging never declares another incident', async () => {
    const src = await source();
    const alias = 'muster:7f0c3b2a-1111-4222-8333-444455556666:checkout';
    for (const fixture of [create, acknowledge, close] as unknown as (typeof create)[]) expect(parse(src, withAlert(fixture, { alias }))).to.deep.equal([]);
    expect(parse(src, create), 'an alert raised at Opsgenie still declares').to.have.length(1);
  });

  it('declares a created alert: its message, P1 as the most severe level, services from service: tags, a link to the alert', async () => {
    const signal = one(parse(await source(), create));
    expect(signal).to.deep.include({
      status: 'firing',
      groupKey: 'checkout-5xx-rate',
      deliveryId: '052652ac-5d1c-464a-812a-7dd18bbfba8c|create|1778750101166002000',
      title: 'Checkout API 5xx rate above 5% for 10 minutes',
      severity: 'SEV1',
      services: ['checkout', 'payments'],
      url: 'https://app.opsgenie.com/alert/detail/052652ac-5d1c-464a-812a-7dd18bbfba8c/details',
      startedAt: '2026-05-14T09:15:01.104Z',
    });
    expect(signal.summary).to.equal('Created in Opsgenie by System\nAlert #23 from Datadog on checkout-api (P1)\n\n5xx responses from checkout-api: 6.2% of requests over the last 10 minutes (threshold 5%).');
    expect(signal.labels).to.include({ 'opsgenie.tinyId': '23', 'opsgenie.entity': 'checkout-api', 'details.region': 'eu-west-1', 'opsgenie.integration': 'Muster' });
  });

  it('resolves on Close in the same group with another delivery id; a redelivered Create has the same one', async () => {
    const src = await source();
    const opened = one(parse(src, create));
    const closed = one(parse(src, close));
    expect(closed).to.deep.include({ status: 'resolved', groupKey: opened.groupKey });
    expect(closed.deliveryId).not.to.equal(opened.deliveryId);
    expect(closed.summary).to.match(/^Closed in Opsgenie by ana@example\.com/);
    expect(one(parse(src, structuredClone(create))).deliveryId).to.equal(opened.deliveryId);
  });

  it('groups by alias, else by alert id: an alert raised again under the same alias is the same group', async () => {
    const src = await source();
    const again = one(parse(src, withAlert(create, { alertId: '9a1f0c55-3b2e-4d7a-8c61-0e4f2b7d9a10', updatedAt: 1778760000000000000 })));
    expect(again.groupKey).to.equal('checkout-5xx-rate');
    expect(again.deliveryId).not.to.equal(one(parse(src, create)).deliveryId);
    expect(one(parse(src, withAlert(create, { alias: '' }))).groupKey).to.equal('052652ac-5d1c-464a-812a-7dd18bbfba8c');
    const { alias: _alias, ...withoutAlias } = create.alert;
    expect(one(parse(src, { ...create, alert: withoutAlias })).groupKey).to.equal('052652ac-5d1c-464a-812a-7dd18bbfba8c');
  });

  it('notes a priority change with the new severity, and ignores acknowledge, notes and the rest of Opsgenie\'s workflow', async () => {
    const src = await source();
    expect(one(parse(src, updatePriority))).to.deep.include({ status: 'firing', groupKey: 'checkout-5xx-rate', severity: 'SEV2' });
    expect(parse(src, acknowledge)).to.deep.equal([]);
    expect(parse(src, addNote)).to.deep.equal([]);
    for (const action of ['Escalate', 'AssignOwnership', 'AddTags', 'Delete', 'Snooze', 'SomethingNew']) {
      expect(parse(src, { action, alert: 'anything' }), action).to.deep.equal([]);
    }
    expect(one(parse(src, { ...create, action: 'create' })).status).to.equal('firing');
  });

  it('maps P1 to P5 by position onto the installation\'s levels, and no priority to the default level', async () => {
    const src = await source();
    const sev = (priority: unknown) => one(parse(src, withAlert(create, { priority }))).severity;
    expect(['P1', 'P2', 'P3', 'P4', 'P5', 'p2', undefined, 'P9', 'urgent'].map(sev)).to.deep.equal(['SEV1', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV2', undefined, undefined, undefined]);
    const two = await source({}, { TOKEN }, [{ id: 'major', label: 'Major' }, { id: 'minor', label: 'Minor' }]);
    expect(one(parse(two, withAlert(create, { priority: 'P3' }))).severity).to.equal('minor');
  });

  it('follows a configured priority map, and a name the installation lacks gives the default level', async () => {
    const src = await source({ severity: { priority: { P1: 'SEV2', P2: 'SEV2', P3: 'SEV7' } } });
    const sev = (priority: string) => one(parse(src, withAlert(create, { priority }))).severity;
    expect(['P1', 'P2', 'P3', 'P4'].map(sev)).to.deep.equal(['SEV2', 'SEV2', undefined, 'SEV3']);
  });

  it('takes services from tags with the configured prefix and links to the configured Opsgenie address', async () => {
    const src = await source({ servicePrefix: 'svc=', appUrl: 'https://acme.app.eu.opsgenie.com/' });
    const signal = one(parse(src, withAlert(create, { tags: ['svc=billing', 'svc=', 'service:checkout', 42, 'svc=billing'] })));
    expect(signal.services).to.deep.equal(['billing']);
    expect(signal.url).to.equal('https://acme.app.eu.opsgenie.com/alert/detail/052652ac-5d1c-464a-812a-7dd18bbfba8c/details');
  });

  it('keeps hostile text inert and bounded, and an alert id cannot steer the link elsewhere', async () => {
    const signal = one(parse(await source(), withAlert(create, { message: `@channel\n${'z'.repeat(300)}`, alertId: '../../../evil?x=1#', description: 'd'.repeat(5000) })));
    expect(signal.title).to.have.length(200).and.match(/^@channel z+…$/);
    expect(signal.summary!.length).to.be.at.most(2000);
    expect(signal.url).to.equal('https://app.opsgenie.com/alert/detail/..%2F..%2F..%2Fevil%3Fx%3D1%23/details');
    expect(one(parse(await source(), withAlert(create, { message: '' }))).title).to.equal('Opsgenie alert #23');
  });

  it('refuses malformed posts with a reason naming the field', async () => {
    const src = await source();
    expect(parseError(src, 'Create')).to.equal('the body must be an object');
    expect(parseError(src, { alert: create.alert })).to.equal('action is missing');
    expect(parseError(src, { action: 'Create' })).to.equal('alert is missing');
    expect(parseError(src, withAlert(create, { alertId: undefined }))).to.equal('alert.alertId is missing');
    expect(parseError(src, withAlert(create, { alertId: 12 }))).to.equal('alert.alertId must be a string');
    expect(() => src.parse(webhookRequest({ rawBody: 'action=Create' }))).to.throw(PayloadError, 'not JSON');
  });

  it('recognises a redelivery without updatedAt by its exact bytes', async () => {
    const src = await source();
    const { updatedAt: _u, ...withoutUpdatedAt } = close.alert;
    const body = { ...close, alert: withoutUpdatedAt };
    const first = one(parse(src, body));
    expect(one(parse(src, structuredClone(body))).deliveryId).to.equal(first.deliveryId);
    expect(one(parse(src, { ...body, alert: { ...withoutUpdatedAt, username: 'bob@example.com' } })).deliveryId).not.to.equal(first.deliveryId);
  });
});

describe('opsgenie alert source: verify', () => {
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const withHeaders = (headers: Record<string, string>) => webhookRequest({ body: create, headers });
  const refused = async (src: AlertSource, headers: Record<string, string>) => {
    const result = await src.verify(withHeaders(headers));
    expect(result.ok, JSON.stringify(headers)).to.equal(false);
    for (const secret of [TOKEN, PASSWORD]) expect(JSON.stringify(result)).not.to.include(secret);
  };
  const all = { TOKEN, USERNAME: USER, PASSWORD };

  it('accepts the token as a bearer or in the token header, and Basic credentials', async () => {
    const src = await source({}, all);
    expect(await src.verify(withHeaders({ Authorization: `Bearer ${TOKEN}` }))).to.deep.equal({ ok: true });
    expect(await src.verify(withHeaders({ 'X-Muster-Token': TOKEN }))).to.deep.equal({ ok: true });
    expect(await src.verify(withHeaders({ Authorization: basic(USER, PASSWORD) }))).to.deep.equal({ ok: true });
    const custom = await source({ tokenHeader: 'X-Opsgenie-Key' }, all);
    expect(await custom.verify(withHeaders({ 'x-opsgenie-key': TOKEN }))).to.deep.equal({ ok: true });
    await refused(custom, { 'X-Muster-Token': TOKEN });
  });

  it('refuses a wrong token, wrong credentials, another scheme and no credentials at all', async () => {
    const src = await source({}, all);
    await refused(src, { Authorization: 'Bearer nope' });
    await refused(src, { 'X-Muster-Token': 'nope' });
    await refused(src, { Authorization: basic(USER, 'nope') });
    await refused(src, { Authorization: basic('someone', PASSWORD) });
    await refused(src, { Authorization: `GenieKey ${TOKEN}` });
    await refused(src, {});
    // A wrong Authorization is not rescued by a right token header: one credential, judged once.
    await refused(src, { Authorization: 'Bearer nope', 'X-Muster-Token': TOKEN });
  });

  it('refuses a scheme whose secret is not set, and everything when none is', async () => {
    await refused(await source({}, { TOKEN }), { Authorization: basic('', '') });
    await refused(await source({}, { TOKEN }), { Authorization: basic(USER, PASSWORD) });
    await refused(await source({}, { USERNAME: USER, PASSWORD }), { Authorization: 'Bearer ' });
    await refused(await source({}, { USERNAME: USER, PASSWORD }), { 'X-Muster-Token': '' });
    await refused(await source({}, { USERNAME: USER }), { Authorization: basic(USER, '') });
    const none = await source({}, {});
    const attempts: Record<string, string>[] = [{ Authorization: `Bearer ${TOKEN}` }, { 'X-Muster-Token': TOKEN }, { Authorization: basic(USER, PASSWORD) }, {}];
    for (const headers of attempts) await refused(none, headers);
  });
});

describe('opsgenie plugin: config', () => {
  it('refuses a misspelt key, an unknown priority, an http address and Authorization as the token header', async () => {
    const refusedConfig = (config: unknown, name: string) => source(config).then(() => expect.fail(`accepted ${JSON.stringify(config)}`), (error: Error) => expect(error.message).to.include(name));
    await refusedConfig({ servicePrefx: 'x' }, 'servicePrefx');
    await refusedConfig({ severity: { priority: { P6: 'SEV1' } } }, 'severity.priority');
    await refusedConfig({ appUrl: 'http://app.opsgenie.com' }, 'appUrl');
    await refusedConfig({ tokenHeader: 'authorization' }, 'tokenHeader');
  });

  it('describes every setting for the install form', () => {
    for (const [key, field] of Object.entries(opsgenie.configSchema.shape)) expect(field.description, key).to.be.a('string').with.length.greaterThan(10);
  });
});

describe('opsgenie plugin: delivered as the host does it', () => {
  it('declares and resolves with the token, stores nothing without it, and answers a malformed post with its reason', async () => {
    const plugin = await activateForTest(opsgenie, { secrets: { TOKEN, USERNAME: USER, PASSWORD } });
    const auth = { Authorization: `Bearer ${TOKEN}` };
    expect((await plugin.deliver({ body: create, headers: auth })).signals.map((s) => s.status)).to.deep.equal(['firing']);
    expect((await plugin.deliver({ body: close, headers: { 'X-Muster-Token': TOKEN } })).signals.map((s) => s.status)).to.deep.equal(['resolved']);
    const anonymous = await plugin.deliver({ body: create });
    expect([anonymous.verification.ok, anonymous.signals.length]).to.deep.equal([false, 0]);
    const malformed = await plugin.deliver({ body: { action: 'Close', alert: [] }, headers: auth });
    expect(malformed.payloadError?.reason).to.equal('alert must be an object');
    assertNoSecretIn([anonymous, malformed, plugin.logs], { TOKEN, PASSWORD });
  });
});
