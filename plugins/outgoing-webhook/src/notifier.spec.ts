import { createPluginHttp, PluginConfigError, PluginHttpError, type NotifierEvent, type NotifierPort } from '@muster/plugin-sdk';
import { activateForTest, assertNoSecretIn, fakeIncident, undescribedSettings, type ActivatedPlugin } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { FakeReceiver } from './fake';
import outgoingWebhook, { musterSignature, outgoingWebhookConfigSchema, verifyMusterSignature } from './index';

const SECRET = 'whsec-muster-3f9a7c1e5b2d8046aa';
const event = (overrides: Partial<NotifierEvent> = {}): NotifierEvent => ({
  type: 'incident.declared', id: 'evt-1', occurredAt: '2025-01-01T09:00:00.000Z', incident: fakeIncident(), detail: { by: 'alertmanager' }, ...overrides,
});

describe('outgoing-webhook plugin against a fake receiver (real ctx.http)', () => {
  let receiver: FakeReceiver;
  let plugin: ActivatedPlugin<'notifier'>;
  let port: NotifierPort;

  async function activate(config: Record<string, unknown> = {}, secrets: Record<string, string> = { SIGNING_SECRET: SECRET }): Promise<void> {
    const http = createPluginHttp({ allowedHosts: [receiver.host], redact: [SECRET], backoff: { baseMs: 1, maxMs: 5 }, deadlineMs: 5_000, timeoutMs: 2_000 });
    plugin = await activateForTest(outgoingWebhook, { config: { urls: [receiver.url('/a'), receiver.url('/b')], ...config }, secrets, http });
    port = plugin.ports.notifier;
  }

  beforeEach(async () => {
    receiver = await FakeReceiver.start(SECRET);
    await activate();
  });
  afterEach(() => receiver.stop());

  it('POSTs the event as JSON to every URL, signed so the helper verifies it, with the event id for dedupe', async () => {
    await port.notify(event(), { idempotencyKey: 'k1' });
    expect(receiver.deliveries.map((d) => d.path)).to.deep.equal(['/a', '/b']);
    for (const delivery of receiver.deliveries) {
      expect(delivery.check.ok).to.equal(true);
      expect(delivery.headers['x-muster-event-id']).to.equal('evt-1');
      expect(delivery.headers['content-type']).to.equal('application/json');
      expect(delivery.headers['x-muster-signature']).to.equal(musterSignature(SECRET, delivery.headers['x-muster-request-timestamp'] as string, delivery.rawBody));
      const body = JSON.parse(delivery.rawBody);
      expect(body).to.deep.equal({ id: 'evt-1', type: 'incident.declared', occurredAt: '2025-01-01T09:00:00.000Z', incident: JSON.parse(JSON.stringify(fakeIncident())), detail: { by: 'alertmanager' } });
    }
  });

  it('the helper refuses a tampered body, a wrong secret, an old or future timestamp, and missing headers', () => {
    const raw = '{"id":"evt-1"}';
    const now = Date.now();
    const ts = String(Math.floor(now / 1000));
    const headers = { 'X-Muster-Request-Timestamp': ts, 'X-Muster-Signature': musterSignature(SECRET, ts, raw) };
    expect(verifyMusterSignature(SECRET, headers, raw, { now })).to.deep.equal({ ok: true, timestamp: Number(ts) });
    expect(verifyMusterSignature(SECRET, new Headers(headers), Buffer.from(raw), { now }).ok).to.equal(true);
    expect(verifyMusterSignature(['old-secret', SECRET], headers, raw, { now }).ok, 'rotation').to.equal(true);
    expect(verifyMusterSignature(SECRET, headers, '{"id":"evt-2"}', { now })).to.deep.include({ ok: false, reason: 'the signature does not match the body' });
    expect(verifyMusterSignature('other', headers, raw, { now }).ok).to.equal(false);
    expect(verifyMusterSignature(SECRET, headers, raw, { now: now + 301_000 })).to.deep.include({ ok: false });
    expect(verifyMusterSignature(SECRET, headers, raw, { now: now - 301_000 }).ok).to.equal(false);
    expect(verifyMusterSignature(SECRET, headers, raw, { now: now + 600_000, toleranceSeconds: 900 }).ok).to.equal(true);
    expect(verifyMusterSignature(SECRET, { 'x-muster-signature': headers['X-Muster-Signature'] }, raw).ok).to.equal(false);
    expect(verifyMusterSignature(SECRET, { ...headers, 'X-Muster-Signature': 'v0=zz' }, raw, { now }).ok).to.equal(false);
    // An old request re-signed with a fresh timestamp needs the secret: swapping the timestamp alone breaks the signature.
    const fresh = String(Number(ts) + 10);
    expect(verifyMusterSignature(SECRET, { ...headers, 'X-Muster-Request-Timestamp': fresh }, raw, { now }).ok).to.equal(false);
  });

  it('a retry after one URL took the event sends only to the URL still owed', async () => {
    receiver.answerAlways('/b', 500);
    const error = await port.notify(event(), { idempotencyKey: 'k1' }).catch((e: unknown) => e) as PluginHttpError;
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.status).to.equal(500);
    receiver.answerAlways('/b', 200);
    await port.notify(event(), { idempotencyKey: 'k1', uncertainSince: new Date() });
    await port.notify(event(), { idempotencyKey: 'k1' });
    expect(receiver.to('/a')).to.have.length(1);
    expect(receiver.to('/b').filter((d) => d.check.ok)).to.have.length(2);
    expect(receiver.deliveries).to.have.length(3);
    // Another event is another delivery.
    await port.notify(event({ id: 'evt-2' }), { idempotencyKey: 'k2' });
    expect(receiver.to('/a')).to.have.length(2);
  });

  it('429 with Retry-After is waited out by ctx.http and delivered once', async () => {
    receiver.failNext('/a', 429, { retryAfter: 0 });
    await port.notify(event(), { idempotencyKey: 'k1' });
    expect(receiver.to('/a').map((d) => d.rawBody)).to.have.length(2);
    expect(receiver.to('/b')).to.have.length(1);
  });

  it('410 Gone from a receiver stops retrying that URL for the event, without failing the call', async () => {
    receiver.answerAlways('/a', 410);
    await port.notify(event(), { idempotencyKey: 'k1' });
    await port.notify(event(), { idempotencyKey: 'k1' });
    expect(receiver.to('/a')).to.have.length(1);
    expect(receiver.to('/b')).to.have.length(1);
    expect(plugin.logs.some((l) => l.level === 'warn' && /410/.test(l.msg))).to.equal(true);
  });

  it('a receiver that is down throws after ctx.http\'s retries, with no secret in the error or the logs', async () => {
    const down = `http://${receiver.host.replace(/:\d+$/, ':1')}/x`;
    const http = createPluginHttp({ allowedHosts: ['127.0.0.1:1'], redact: [SECRET], backoff: { baseMs: 1, maxMs: 5 }, deadlineMs: 3_000 });
    plugin = await activateForTest(outgoingWebhook, { config: { urls: [down] }, secrets: { SIGNING_SECRET: SECRET }, http });
    const error = await plugin.ports.notifier.notify(event(), { idempotencyKey: 'k1' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PluginHttpError);
    assertNoSecretIn([error, plugin.logs, plugin.storage], { SECRET });
  });

  it('a receiver that hangs times out and fails the call, the other URL still gets the event, and the retry sends only to the one owed', async () => {
    const http = createPluginHttp({ allowedHosts: [receiver.host], retries: 0, timeoutMs: 200, deadlineMs: 2_000 });
    plugin = await activateForTest(outgoingWebhook, { config: { urls: [receiver.url('/a'), receiver.url('/b')] }, secrets: { SIGNING_SECRET: SECRET }, http });
    receiver.hangNext('/a');
    const error = await plugin.ports.notifier.notify(event(), { idempotencyKey: 'k1' }).catch((e: unknown) => e) as PluginHttpError;
    expect(error).to.be.instanceOf(PluginHttpError);
    expect(error.message).to.match(/timed out/);
    expect(receiver.to('/b')).to.have.length(1);
    await plugin.ports.notifier.notify(event(), { idempotencyKey: 'k1', uncertainSince: new Date() });
    expect(receiver.to('/a')).to.have.length(2);
    expect(receiver.to('/b')).to.have.length(1);
  });

  it('sends nothing of a private incident unless includePrivate, and only the configured event types', async () => {
    await port.notify(event({ incident: fakeIncident({ private: true }) }), { idempotencyKey: 'k1' });
    expect(receiver.deliveries).to.have.length(0);
    await activate({ includePrivate: true, events: ['incident.resolved'] });
    await port.notify(event({ incident: fakeIncident({ private: true }) }), { idempotencyKey: 'k2' });
    expect(receiver.deliveries).to.have.length(0);
    await port.notify(event({ type: 'incident.resolved', incident: fakeIncident({ private: true }) }), { idempotencyKey: 'k3' });
    expect(receiver.deliveries).to.have.length(2);
  });

  it('without the signing secret it is a config error, and nothing is sent unsigned', async () => {
    await activate({}, {});
    const error = await port.notify(event(), { idempotencyKey: 'k1' }).catch((e: unknown) => e) as Error;
    expect(error).to.be.instanceOf(PluginConfigError);
    expect(error.message).to.contain('MUSTER_PLUGIN_OUTGOING_WEBHOOK_SIGNING_SECRET');
    expect(receiver.deliveries).to.have.length(0);
  });

  it('describes every setting; refuses non-http URLs, credentials in URLs, duplicates and unknown events', () => {
    expect(undescribedSettings(outgoingWebhookConfigSchema)).to.deep.equal([]);
    for (const urls of [['ftp://x.example.com'], ['https://u:p@x.example.com'], ['https://x.example.com', 'https://x.example.com'], []]) {
      expect(outgoingWebhookConfigSchema.safeParse({ urls }).success, String(urls)).to.equal(false);
    }
    expect(outgoingWebhookConfigSchema.safeParse({ urls: ['https://x.example.com'], events: ['incident.exploded'] }).success).to.equal(false);
  });
});
