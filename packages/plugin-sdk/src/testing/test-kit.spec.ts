import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import { alertSourceOptions } from '../capabilities/alert-source-options';
import { definePlugin } from '../define-plugin';
import { PayloadError, PluginConfigError, PluginHttpError } from '../errors';
import { deliveryDigest } from '../webhooks/delivery-digest';
import { readPayload } from '../webhooks/read-payload';
import { verifyBearer } from '../webhooks/verify';
import { activateForTest, assertNoSecretIn, deliver, fakeHttp, fakeIncident, webhookRequest } from './index';

const TOKEN = 'uptime-token-9c1e7';

const UptimeEvent = z.object({
  event_id: z.string().min(1).max(200),
  state: z.enum(['down', 'up']),
  check: z.object({ id: z.string().min(1).max(100), name: z.string().min(1).max(200), url: z.url().optional() }),
});

/** The example plugin: an uptime monitor's alert source, a command, and a note sent when an incident resolves. */
const uptime = definePlugin({
  id: 'uptime',
  name: 'Uptime Example',
  description: 'Declares an incident when a check goes down',
  version: '0.1.0',
  sdk: '^1.0.0',
  capabilities: ['alert-source'],
  configSchema: z.object({ ...alertSourceOptions, apiUrl: z.url().default('https://api.uptime.example'), severity: z.string().default('SEV2') }),
  secrets: [{ name: 'TOKEN', description: 'Bearer token the monitor sends', required: true }],
  activate(ctx) {
    const token = ctx.secrets.require('TOKEN');
    ctx.registerCommand({
      name: 'uptime', syntax: 'uptime <check id>', summary: 'Show a check', takesIncident: false,
      async run({ args }) {
        if (!args) return { text: 'Type `/incident uptime <check id>`.' };
        try {
          const check = (await ctx.http.request({ method: 'GET', url: `${ctx.config.apiUrl}/v1/checks/${encodeURIComponent(args)}`, headers: { authorization: `Bearer ${token}` } })).json<{ name: string; up: boolean }>();
          return { text: `${check.name} is ${check.up ? 'up' : 'down'}.` };
        } catch (error) {
          if (error instanceof PluginHttpError && error.retryAfterMs !== undefined) return { text: `The uptime API is busy: try again in ${Math.ceil(error.retryAfterMs / 1000)} s.` };
          ctx.logger.warn('uptime lookup failed', { status: error instanceof PluginHttpError ? error.status : undefined });
          return { text: 'The uptime API did not answer.' };
        }
      },
    });
    ctx.on('incident.resolved', async ({ incident }, { deliveryId }) => {
      if (!incident.services.includes('checkout')) return;
      await ctx.http.request({ method: 'POST', url: `${ctx.config.apiUrl}/v1/notes`, headers: { authorization: `Bearer ${token}`, 'idempotency-key': deliveryId }, json: { text: `${incident.reference} resolved` } });
      await ctx.storage.set(`noted:${incident.id}`, { at: new Date(0) });
    });
    return {
      'alert-source': {
        verify: (request) => verifyBearer(request, token),
        parse(request) {
          const event = readPayload(request, UptimeEvent);
          return [{
            status: event.state === 'down' ? 'firing' : 'resolved',
            groupKey: `check:${event.check.id}`,
            deliveryId: event.event_id,
            title: `${event.check.name} is down`,
            severity: ctx.config.severity,
            url: event.check.url,
          }];
        },
      },
    };
  },
});

const down = { event_id: 'evt-1', state: 'down', check: { id: 'c42', name: 'Checkout API', url: 'https://uptime.example/c42' } };
const bearer = { authorization: `Bearer ${TOKEN}` };

describe('the plugin test kit, on an example plugin', () => {
  it('delivers a webhook like the host: verified, then parsed into signals', async () => {
    const plugin = await activateForTest(uptime, { secrets: { TOKEN } });
    const { verification, signals } = await plugin.deliver({ headers: bearer, body: down });
    expect(verification.ok).to.equal(true);
    expect(signals).to.deep.equal([{ status: 'firing', groupKey: 'check:c42', deliveryId: 'evt-1', title: 'Checkout API is down', severity: 'SEV2', url: 'https://uptime.example/c42' }]);
    const prebuilt = webhookRequest({ headers: { Authorization: `Bearer ${TOKEN}` }, rawBody: Buffer.from(JSON.stringify(down)) });
    expect((await deliver(plugin.ports['alert-source'], prebuilt)).signals).to.deep.equal(signals);
  });

  it('never parses a webhook that fails verification', async () => {
    const plugin = await activateForTest(uptime, { secrets: { TOKEN } });
    const refused = await plugin.deliver({ headers: { authorization: 'Bearer wrong' }, body: down });
    expect(refused.verification.ok).to.equal(false);
    expect(refused.signals).to.deep.equal([]);
    expect((await plugin.deliver({ body: down })).verification.ok).to.equal(false);
  });

  it('hands back the PayloadError of a malformed payload, and never throws anything else for any JSON', async () => {
    const plugin = await activateForTest(uptime, { secrets: { TOKEN } });
    const bad = await plugin.deliver({ headers: bearer, body: { ...down, check: 'c42' } });
    expect(bad.payloadError?.reason).to.equal('check must be an object');
    await fc.assert(fc.asyncProperty(fc.json(), async (json) => {
      const { signals, payloadError } = await plugin.deliver({ headers: bearer, rawBody: json });
      expect(signals.length === 0 || payloadError === undefined).to.equal(true);
    }), { numRuns: 500 });
  });

  it('fails the test when parse throws something else or returns a signal the host would refuse', async () => {
    const verify = () => ({ ok: true }) as const;
    const crashing = { verify, parse: () => { throw new TypeError('cannot read properties of undefined'); } };
    await expectRejection(deliver(crashing, { body: {} }), /instead of PayloadError/);
    const noKey = { verify, parse: () => [{ status: 'firing' as const, groupKey: ' ', deliveryId: 'd', title: 't' }] };
    await expectRejection(deliver(noKey, { body: {} }), /signals\[0\] breaks the AlertSignal contract: groupKey/);
    const plugin = await activateForTest(uptime, { secrets: { TOKEN }, config: { severity: 'P1' } });
    await expectRejection(plugin.deliver({ headers: bearer, body: down }), /"P1" is not a severity of the installation/);
  });

  it('drives an event handler with emit, recording its HTTP call and storage, and nothing for an event it ignores', async () => {
    const remote = fakeHttp({ 'POST https://api.uptime.example/v1/notes': { status: 201, json: { id: 'n1' } } });
    const plugin = await activateForTest(uptime, { secrets: { TOKEN }, http: remote });
    expect(await plugin.emit('incident.declared', { incident: fakeIncident() })).to.equal(0);
    expect(await plugin.emit('incident.resolved', { incident: fakeIncident({ services: ['search'] }) })).to.equal(1);
    expect(remote.calls, 'not a checkout incident').to.have.length(0);
    await plugin.emit('incident.resolved', { incident: fakeIncident({ status: 'resolved' }) }, { deliveryId: 'outbox-7' });
    const [note] = remote.callsTo('POST https://api.uptime.example/v1/notes');
    expect(note?.headers?.['idempotency-key']).to.equal('outbox-7');
    expect(note?.json).to.deep.equal({ text: 'INC-1 resolved' });
    expect(plugin.storage.get('noted:incident-1')).to.deep.equal({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('runs a command with scripted remote answers, including a rate limit', async () => {
    const plugin = await activateForTest(uptime, {
      secrets: { TOKEN },
      http: { 'GET https://api.uptime.example/v1/checks/c42': [{ json: { name: 'Checkout API', up: false } }, { status: 429, headers: { 'Retry-After': '30' } }, { fail: 'timeout' }] },
    });
    expect((await plugin.runCommand('uptime', ' c42 ')).text).to.equal('Checkout API is down.');
    expect((await plugin.runCommand('uptime', 'c42')).text).to.equal('The uptime API is busy: try again in 30 s.');
    expect((await plugin.runCommand('uptime', 'c42')).text).to.equal('The uptime API did not answer.');
    expect((await plugin.runCommand('uptime')).text).to.match(/Type `\/incident uptime/);
    expect(plugin.httpCalls).to.have.length(3);
    await expectRejection(plugin.runCommand('uptim', 'c42'), /no command "uptim"/);
  });

  it('checks no secret reaches the logs, and names a leak without printing it', async () => {
    const plugin = await activateForTest(uptime, { secrets: { TOKEN }, http: { 'GET https://api.uptime.example/v1/checks/c42': { status: 500, text: 'oops' } } });
    await plugin.runCommand('uptime', 'c42');
    expect(plugin.logs.map((l) => l.msg)).to.deep.equal(['uptime lookup failed']);
    assertNoSecretIn({ logs: plugin.logs, calls: plugin.httpCalls.map((c) => c.json) }, { TOKEN });
    const leak = new Error('failed', { cause: new Error(`auth Bearer ${TOKEN}`) });
    expect(() => assertNoSecretIn([{ error: leak }], { TOKEN })).to.throw(/TOKEN appears in the value\[0\]\.error\.cause\.message/);
    let caught: unknown;
    try {
      assertNoSecretIn(new Map([['k', TOKEN]]), [TOKEN]);
    } catch (error) {
      caught = error;
    }
    expect(caught, 'a leak in a Map went unnoticed').to.be.instanceOf(Error);
    expect((caught as Error).message).to.equal('secret #1 appears in the value.get("k")');
  });

  it('validates config and secrets like the host before activating', async () => {
    await expectRejection(activateForTest(uptime, { secrets: { TOKEN }, config: { apiUrl: 'not a url' } }), /apiUrl/);
    const missing = await activateForTest(uptime, {}).catch((error: unknown) => error);
    expect(missing).to.be.instanceOf(PluginConfigError);
    expect((missing as PluginConfigError).message).to.equal('Set MUSTER_PLUGIN_UPTIME_TOKEN.');
  });

  it('fakeHttp answers unscripted calls with an error naming the call, and non-JSON bodies fail json()', async () => {
    const remote = fakeHttp({ 'GET https://a.example/x': { text: '<html>' } });
    await expectRejection(remote.request({ method: 'GET', url: 'https://a.example/y' }), /no answer for GET https:\/\/a.example\/y/);
    expect(remote.unanswered).to.deep.equal(['GET https://a.example/y']);
    const answer = await remote.request({ method: 'GET', url: 'https://a.example/x?page=2' });
    expect(() => answer.json()).to.throw(PluginHttpError);
  });

  it('storage keeps JSON only, as the host does', async () => {
    const plugin = await activateForTest(uptime, { secrets: { TOKEN } });
    await expectRejection(plugin.ctx.storage.set('f', () => 1), /not a JSON value/);
    await plugin.ctx.storage.set('k', { n: 1 });
    const copy = await plugin.ctx.storage.get<{ n: number }>('k');
    copy!.n = 2;
    expect(await plugin.ctx.storage.get('k')).to.deep.equal({ n: 1 });
  });

  it('webhookRequest and deliveryDigest work together for sources without delivery ids', () => {
    const request = webhookRequest({ headers: { 'X-Thing': 'a' }, rawBody: 'not json' });
    expect(request.headers['x-thing']).to.equal('a');
    expect(request.body).to.equal(undefined);
    expect(() => readPayload(request, UptimeEvent)).to.throw(PayloadError, 'the body is not JSON');
    expect(deliveryDigest('c42', 'down')).to.equal(deliveryDigest('c42', 'down'));
  });
});

async function expectRejection(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).message).to.match(pattern);
    return;
  }
  expect.fail(`expected a rejection matching ${pattern}`);
}
