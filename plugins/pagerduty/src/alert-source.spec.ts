import { activateForTest, assertNoSecretIn, webhookRequest } from '@muster/plugin-sdk/testing';
import { PayloadError, type AlertSignal, type AlertSource } from '@muster/plugin-sdk';
import { expect } from 'chai';
import { acknowledged, annotated, pagerDutyHeaders, ping, priorityUpdated, reopened, resolved, triggered } from './fixtures';
import pagerduty from './index';

const SECRET = 'pd-whsec-Hk2v9QxT4mZ';

async function source(config: unknown = {}, secrets: Record<string, string> = { WEBHOOK_SECRET: SECRET }, severities?: { id: string; label: string }[]): Promise<AlertSource> {
  return (await activateForTest(pagerduty, { config, secrets, severities })).ports['alert-source'];
}

/** A webhook as PagerDuty sends it: the body's exact bytes, signed, with its webhook id. */
function delivered(body: unknown, webhookId = 'b3f1c2d4-0000-4000-8000-000000000001', secrets: string | string[] = SECRET) {
  const rawBody = JSON.stringify(body);
  return webhookRequest({ rawBody, headers: pagerDutyHeaders(rawBody, secrets, webhookId) });
}
const one = (signals: readonly AlertSignal[]): AlertSignal => {
  expect(signals).to.have.length(1);
  return signals[0]!;
};
const withIncident = (fixture: typeof triggered, changes: Record<string, unknown>) => ({ event: { ...fixture.event, data: { ...fixture.event.data, ...changes } } });
function parseError(src: AlertSource, body: unknown): string {
  try {
    src.parse(delivered(body));
  } catch (error) {
    expect(error).to.be.instanceOf(PayloadError);
    return (error as PayloadError).reason;
  }
  throw new Error('parse accepted the payload');
}

describe('pagerduty alert source: parse', () => {
  it('reads nothing from the webhooks of a page Muster sent (its incident_key is a Muster dedup key), so paging never declares another incident', async () => {
    const port = await source();
    for (const fixture of [triggered, acknowledged, resolved]) {
      const own = structuredClone(fixture) as { event: { data: { incident_key?: string } } };
      own.event.data.incident_key = 'muster:7f0c3b2a-1111-4222-8333-444455556666:checkout';
      expect(port.parse(delivered(own))).to.deep.equal([]);
    }
    expect(port.parse(delivered(triggered)), 'an incident PagerDuty raised itself still declares').to.have.length(1);
  });

  it('declares incident.triggered with its title, P1 as the most severe level, its service and a link back', async () => {
    const signal = one((await source()).parse(delivered(triggered, 'wh-1')));
    expect(signal).to.deep.include({
      status: 'firing',
      groupKey: 'PGR0VU2',
      deliveryId: 'wh-1',
      title: 'Checkout API returns 502 for 12% of requests',
      severity: 'SEV1',
      services: ['Checkout API'],
      url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
      startedAt: '2026-04-09T15:16:27.000Z',
    });
    expect(signal.summary).to.equal('Triggered in PagerDuty by Checkout API\nIncident #2 on Checkout API (urgency high, priority P1)');
    expect(signal.labels).to.include({ 'pagerduty.event': 'incident.triggered', 'pagerduty.number': '2', 'pagerduty.priority': 'P1', 'pagerduty.teams': 'Payments' });
    expect(signal.alerts).to.deep.equal([{ id: 'PGR0VU2', status: 'firing', title: signal.title, url: signal.url }]);
  });

  it('takes the delivery id from X-Webhook-Id, the same on a retry, and from event.id when the header is missing', async () => {
    const src = await source();
    expect(one(src.parse(delivered(triggered, 'wh-1'))).deliveryId).to.equal(one(src.parse(delivered(triggered, 'wh-1'))).deliveryId);
    expect(one(src.parse(webhookRequest({ body: triggered }))).deliveryId).to.equal(triggered.event.id);
    const { id: _id, ...withoutId } = triggered.event;
    expect(one(src.parse(delivered({ event: withoutId }, 'wh-2'))).deliveryId).to.equal('wh-2');
    expect(() => src.parse(webhookRequest({ body: { event: withoutId } }))).to.throw(PayloadError, /^event\.id is missing/);
  });

  it('resolves on incident.resolved, and a reopen fires again: same group, new deliveries', async () => {
    const src = await source();
    const first = one(src.parse(delivered(triggered, 'wh-1')));
    const done = one(src.parse(delivered(resolved, 'wh-2')));
    const again = one(src.parse(delivered(reopened, 'wh-3')));
    expect([done.status, again.status]).to.deep.equal(['resolved', 'firing']);
    expect(new Set([first.groupKey, done.groupKey, again.groupKey])).to.deep.equal(new Set(['PGR0VU2']));
    expect(new Set([first.deliveryId, done.deliveryId, again.deliveryId]).size).to.equal(3);
    expect(done.summary).to.match(/^Resolved in PagerDuty by Tenex Engineer/);
  });

  it('notes a priority change with the new severity', async () => {
    const signal = one((await source()).parse(delivered(priorityUpdated)));
    expect(signal).to.deep.include({ status: 'firing', groupKey: 'PGR0VU2', severity: 'SEV2' });
    expect(signal.summary).to.match(/^Priority changed in PagerDuty by Tenex Engineer/);
  });

  it('ignores what is PagerDuty\'s own workflow, a ping and other resources: no signal at all', async () => {
    const src = await source();
    expect(src.parse(delivered(acknowledged))).to.deep.equal([]);
    expect(src.parse(delivered(annotated))).to.deep.equal([]);
    expect(src.parse(delivered(ping))).to.deep.equal([]);
    for (const eventType of ['incident.escalated', 'incident.unacknowledged', 'incident.responder.added', 'service.updated', 'incident.something_new']) {
      expect(src.parse(delivered({ event: { ...acknowledged.event, event_type: eventType, data: 'anything' } })), eventType).to.deep.equal([]);
    }
  });

  it('maps priorities by position, then urgency, onto the installation\'s levels', async () => {
    const src = await source();
    const sev = (priority: unknown, urgency = 'high') => one(src.parse(delivered(withIncident(triggered, { priority, urgency })))).severity;
    expect(['P1', 'P2', 'P3', 'P4', 'P5'].map((p) => sev({ summary: p }))).to.deep.equal(['SEV1', 'SEV2', 'SEV3', 'SEV3', 'SEV3']);
    expect([sev(null, 'high'), sev(null, 'low'), sev({ summary: 'Critical' }, 'low'), sev(null, 'whatever')]).to.deep.equal(['SEV1', 'SEV3', 'SEV3', undefined]);
    const two = await source({}, { WEBHOOK_SECRET: SECRET }, [{ id: 'major', label: 'Major' }, { id: 'minor', label: 'Minor' }]);
    expect(one(two.parse(delivered(withIncident(triggered, { priority: { summary: 'P3' } })))).severity).to.equal('minor');
  });

  it('follows configured priority and urgency maps, and a name the installation lacks gives the default level', async () => {
    const src = await source({ severity: { priority: { p1: 'SEV2', Critical: 'SEV1', P3: 'SEV9' }, urgency: { high: 'SEV2', low: 'nope' } } });
    const sev = (priority: unknown, urgency = 'high') => one(src.parse(delivered(withIncident(triggered, { priority, urgency })))).severity;
    expect([sev({ summary: 'P1' }), sev({ summary: 'Critical' }), sev({ summary: 'P3' }), sev({ summary: 'P2' }), sev(null), sev(null, 'low')])
      .to.deep.equal(['SEV2', 'SEV1', undefined, 'SEV2', 'SEV2', undefined]);
  });

  it('renames services through serviceMap, or leaves services out', async () => {
    expect(one((await source({ serviceMap: { 'Checkout API': 'checkout' } })).parse(delivered(triggered))).services).to.deep.equal(['checkout']);
    expect(one((await source({ useServiceName: false })).parse(delivered(triggered))).services).to.deep.equal([]);
  });

  it('keeps hostile text inert and bounded, and links only to http(s)', async () => {
    const src = await source();
    const signal = one(src.parse(delivered(withIncident(triggered, { title: `  <!here>\n${'y'.repeat(400)}`, html_url: 'javascript:alert(document.cookie)', number: undefined }))));
    expect(signal.title).to.have.length(200).and.match(/^<!here> y+…$/);
    expect(signal.url).to.equal(undefined);
    expect(one(src.parse(delivered(withIncident(triggered, { title: '   ' })))).title).to.equal('PagerDuty incident #2');
    expect(one(src.parse(delivered(withIncident(triggered, { title: 42, number: undefined })))).title).to.equal('PagerDuty incident PGR0VU2');
  });

  it('refuses malformed webhooks with a reason naming the field', async () => {
    const src = await source();
    expect(parseError(src, [])).to.equal('the body must be an object');
    expect(parseError(src, { messages: [] })).to.equal('event is missing');
    expect(parseError(src, { event: { ...triggered.event, event_type: 7 } })).to.equal('event.event_type must be a string');
    expect(parseError(src, withIncident(triggered, { id: undefined }))).to.equal('event.data.id is missing');
    expect(parseError(src, { event: { ...triggered.event, data: 'PGR0VU2' } })).to.equal('event.data must be an object');
    expect(() => src.parse(webhookRequest({ rawBody: '{"event":' }))).to.throw(PayloadError, 'not JSON');
  });
});

describe('pagerduty alert source: verify', () => {
  const rawBody = JSON.stringify(triggered);
  const withSignature = (signature: string | undefined, body = rawBody) => webhookRequest({ rawBody: body, headers: signature === undefined ? {} : { 'X-PagerDuty-Signature': signature } });
  const signatureOf = (secret: string, body = rawBody) => pagerDutyHeaders(body, secret, 'wh')['x-pagerduty-signature']!;

  it('accepts the body signed with WEBHOOK_SECRET, also as one of several signatures during a rotation', async () => {
    const src = await source();
    expect(await src.verify(withSignature(signatureOf(SECRET)))).to.deep.equal({ ok: true });
    expect(await src.verify(delivered(triggered, 'wh', ['the-old-secret', SECRET]))).to.deep.equal({ ok: true });
    expect(await src.verify(delivered(triggered, 'wh', [SECRET, 'the-new-secret']))).to.deep.equal({ ok: true });
  });

  it('refuses another secret, a changed body, a missing or unversioned signature, without echoing the secret', async () => {
    const src = await source();
    const hex = signatureOf(SECRET).slice(3);
    const refusals = [
      withSignature(signatureOf('another-secret')),
      withSignature(signatureOf(SECRET), rawBody.replace('P1', 'P5')),
      withSignature(undefined),
      withSignature(hex),
      withSignature('v0=' + hex),
      withSignature('v1='),
    ];
    for (const request of refusals) {
      const result = await src.verify(request);
      expect(result.ok).to.equal(false);
      expect(JSON.stringify(result)).not.to.include(SECRET);
    }
  });

  it('refuses everything when no WEBHOOK_SECRET is set, even a body signed with an empty key', async () => {
    for (const secrets of [{}, { WEBHOOK_SECRET: '' }] as Record<string, string>[]) {
      const src = await source({}, secrets);
      expect((await src.verify(withSignature(signatureOf('')))).ok).to.equal(false);
      expect((await src.verify(withSignature(signatureOf(SECRET)))).ok).to.equal(false);
    }
  });
});

describe('pagerduty plugin: config', () => {
  it('refuses a misspelt key, naming it', async () => {
    await source({ severity: { priorty: {} } }).then(() => expect.fail('accepted a misspelt key'), (error: Error) => expect(error.message).to.include('priorty'));
  });

  it('describes every setting for the install form', () => {
    for (const [key, field] of Object.entries(pagerduty.configSchema.shape)) expect(field.description, key).to.be.a('string').with.length.greaterThan(10);
  });
});

describe('pagerduty plugin: delivered as the host does it', () => {
  it('declares and resolves signed webhooks, stores nothing unsigned, and answers a malformed one with its reason', async () => {
    const plugin = await activateForTest(pagerduty, { secrets: { WEBHOOK_SECRET: SECRET } });
    const sent = (body: unknown, secret = SECRET) => {
      const rawBody = JSON.stringify(body);
      return plugin.deliver({ rawBody, headers: pagerDutyHeaders(rawBody, secret, 'wh-9') });
    };
    expect((await sent(triggered)).signals.map((s) => s.status)).to.deep.equal(['firing']);
    expect((await sent(resolved)).signals.map((s) => s.status)).to.deep.equal(['resolved']);
    const forged = await sent(triggered, 'guessed-secret');
    expect([forged.verification.ok, forged.signals.length]).to.deep.equal([false, 0]);
    const malformed = await sent(withIncident(triggered, { id: 42 }));
    expect(malformed.payloadError?.reason).to.equal('event.data.id must be a string');
    assertNoSecretIn([forged, malformed, plugin.logs], { SECRET });
  });
});
