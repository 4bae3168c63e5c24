import { expect } from 'chai';
import fc from 'fast-check';
import { request } from 'node:http';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { eventually } from '../kits/wait';
import { fixturePackage, firing, postWebhook, resolvedAlert, serverLog, writeMusterYaml } from './plugin-support';
import { parseExposition } from './server-prometheus-parser';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

const TOKEN = 'fixture-token-9f2c7d1e';
const TYPEERROR_TOKEN = 'typeerror-token-41aa';
const BROKEN_TOKEN = 'broken-token-77be';

/**
 * POST /webhooks/<id> on a real server (SQLite file, fake Slack as the home workspace), with the
 * fixture plugins from muster.yaml: what each refusal answers, that a refused webhook stores nothing,
 * and that an accepted one declares, dedupes and resolves, answered only once stored.
 */
describe('plugin host: POST /webhooks/<plugin id> (real server, SQLite, fixture plugins)', () => {
  let dir: string;
  let slack: FakeSlackApi;
  let server: InProcessServer;

  before(async () => {
    dir = tempDir('plugin-webhooks');
    slack = await FakeSlackApi.start();
    writeMusterYaml(dir, {
      'fixture-source': { enabled: true, package: fixturePackage(dir, 'fixture-source'), config: { team: 'payments' } },
      'fixture-typeerror': { enabled: true, package: fixturePackage(dir, 'fixture-typeerror') },
      'fixture-broken': { enabled: true, package: fixturePackage(dir, 'fixture-broken') },
      'fixture-hang': { enabled: true, package: fixturePackage(dir, 'fixture-hang') },
    }, { homePlatform: 'slack', homeWorkspaceId: slack.teamId });
    server = await startInProcess(dir, {
      SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
      MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: TOKEN, MUSTER_PLUGIN_FIXTURE_TYPEERROR_TOKEN: TYPEERROR_TOKEN, MUSTER_PLUGIN_FIXTURE_BROKEN_TOKEN: BROKEN_TOKEN,
    }, { pluginTimeouts: { event: 300 } });
  });

  after(async () => {
    await server?.stop();
    await slack?.close();
    removeDir(dir);
  });

  /**
   * Rows an accepted webhook writes, and only it: room set-ups and plugin event handlers of earlier
   * incidents keep writing timeline entries and outbox messages of their own in the background.
   */
  async function stored(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const queries = {
      incidents: 'SELECT COUNT(*) AS n FROM incidents',
      groups: 'SELECT COUNT(*) AS n FROM alert_groups',
      inbox: 'SELECT COUNT(*) AS n FROM inbox',
      alertEntries: "SELECT COUNT(*) AS n FROM timeline_entries WHERE kind IN ('alert', 'declared', 'status_change')",
      declarations: "SELECT COUNT(*) AS n FROM outbox WHERE topic IN ('room.setup', 'incident.announce', 'postmortem.draft')",
    };
    for (const [name, query] of Object.entries(queries)) counts[name] = Number((await server.store.dataSource.query(query))[0].n);
    return counts;
  }

  async function expectNothingStored(work: () => Promise<void>): Promise<void> {
    const before = await stored();
    await work();
    expect(await stored()).to.deep.equal(before);
  }

  it('declares an incident for a firing alert, with its room at home, and answers what it did', async () => {
    const answer = await postWebhook(server.url, 'fixture-source', { token: TOKEN, body: firing('cpu-1', 'CPU on fire', { severity: 'SEV1' }) });
    expect(answer.status, answer.text).to.equal(200);
    expect(answer.body).to.deep.equal({ results: [{ action: 'declared', incident: 'INC-1' }] });
    const incident = await call(`${server.url}/api/v1/incidents/INC-1`, { token: server.token });
    expect(incident.body).to.deep.include({ title: 'CPU on fire', severity: 'SEV1', services: ['payments'] });
    await eventually('the incident room', () => slack.allChannels().find((c) => c.name.startsWith('inc-1-')));
  });

  it('changes nothing for the same webhook delivered again', async () => {
    await expectNothingStored(async () => {
      const again = await postWebhook(server.url, 'fixture-source', { token: TOKEN, body: firing('cpu-1', 'CPU on fire', { severity: 'SEV1' }) });
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.equal({ results: [{ action: 'duplicate', incident: 'INC-1' }] });
    });
  });

  it('resolves the incident on the matching resolved alert', async () => {
    const answer = await postWebhook(server.url, 'fixture-source', { token: TOKEN, body: resolvedAlert('cpu-1') });
    expect(answer.body).to.deep.equal({ results: [{ action: 'resolved', incident: 'INC-1' }] });
    expect((await call(`${server.url}/api/v1/incidents/INC-1`, { token: server.token })).body.status).to.equal('resolved');
  });

  it('answers 401 without saying why for a missing or wrong token, and stores nothing', async () => {
    await expectNothingStored(async () => {
      for (const token of [undefined, 'wrong-token', `${TOKEN}x`, TYPEERROR_TOKEN]) {
        const answer = await postWebhook(server.url, 'fixture-source', { token, body: firing('disk-1') });
        expect(answer.status).to.equal(401);
        expect(answer.body.error.code).to.equal('unauthorized');
        expect(answer.text).not.to.match(/does not match|no Authorization/);
        expect(answer.text).not.to.contain(TOKEN);
      }
    });
    expect(serverLog(dir)).to.contain('the bearer token does not match');
  });

  it('answers 400 with the plugin\'s reason for a malformed payload, and stores nothing', async () => {
    await expectNothingStored(async () => {
      const notAList = await postWebhook(server.url, 'fixture-source', { token: TOKEN, body: { alerts: 'many' } });
      expect(notAList.status).to.equal(400);
      expect(notAList.body.error.message).to.equal('The fixture-source payload is not valid: alerts must be a list');
      const notJson = await postWebhook(server.url, 'fixture-source', { token: TOKEN, raw: '{"alerts": [' });
      expect(notJson.status).to.equal(400);
      const halfBad = await postWebhook(server.url, 'fixture-source', { token: TOKEN, body: { alerts: [{ id: 'ok-1', status: 'firing', title: 'Fine' }, { id: 'x', status: 'burning' }] } });
      expect(halfBad.status).to.equal(400);
      expect(halfBad.body.error.message).to.contain('alerts[1] is not an alert');
    });
  });

  it('answers 400 "could not be read" when parse throws a TypeError, records the failure, and stores nothing', async () => {
    await expectNothingStored(async () => {
      const answer = await postWebhook(server.url, 'fixture-typeerror', { token: TYPEERROR_TOKEN, body: { anything: true } });
      expect(answer.status).to.equal(400);
      expect(answer.body.error.message).to.equal('The fixture-typeerror plugin could not read this payload; nothing was stored. The failure was recorded for the administrator.');
      expect(answer.text).not.to.match(/TypeError|deeper|\n\s+at /);
    });
    const health = await server.store.pluginHealth.find('fixture-typeerror', 'config');
    expect(health.lastFailure).to.match(/^parse: TypeError: Cannot read properties of undefined \(reading 'deeper'\)$/);
    const metrics = parseExposition((await call(`${server.url}/metrics`)).text);
    expect(metrics.get('muster_plugin_calls_total')!.samples).to.deep.include({
      name: 'muster_plugin_calls_total', labels: { plugin: 'fixture-typeerror', operation: 'parse', outcome: 'error' }, value: 1,
    });
  });

  it('answers 413 for a body over 1 MiB, declared or chunked, without storing anything', async () => {
    await expectNothingStored(async () => {
      const alerts = Array.from({ length: 12_000 }, (_, i) => ({ id: `big-${i}`, status: 'firing', title: 'x'.repeat(80) }));
      const declared = await postWebhook(server.url, 'fixture-source', { token: TOKEN, body: { alerts } });
      expect(declared.status).to.equal(413);
      expect(declared.body.error.code).to.equal('payload_too_large');
      const chunked = await chunkedPost(`${server.url}/webhooks/fixture-source`, TOKEN, 2 * 1024 * 1024);
      expect(chunked.status).to.equal(413);
    });
  });

  it('answers 404 with a reason for an unknown plugin or one that takes no webhooks, and 503 for one that did not start', async () => {
    await expectNothingStored(async () => {
      const unknown = await postWebhook(server.url, 'no-such-plugin', { token: TOKEN, body: firing('a') });
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error.message).to.equal('There is no plugin "no-such-plugin" on this server.');
      const notifier = await postWebhook(server.url, 'fixture-hang', { body: firing('a') });
      expect(notifier.status).to.equal(404);
      expect(notifier.body.error.message).to.equal('The fixture-hang plugin does not receive webhooks.');
      const broken = await postWebhook(server.url, 'fixture-broken', { token: BROKEN_TOKEN, body: firing('a') });
      expect(broken.status).to.equal(503);
      expect(broken.headers.get('retry-after')).to.match(/^\d+$/);
      expect(broken.text).not.to.contain(BROKEN_TOKEN);
    });
  });

  it('answers 405 with Allow for other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await postWebhook(server.url, 'fixture-source', { method, token: TOKEN, ...(method === 'GET' ? {} : { body: firing('a') }) });
      expect(answer.status).to.equal(405);
      expect(answer.headers.get('allow')).to.equal('POST');
    }
  });

  it('counts webhooks in /metrics by plugin and outcome, unknown ids under one label', async () => {
    const samples = parseExposition((await call(`${server.url}/metrics`)).text).get('muster_webhooks_total')!.samples;
    const count = (plugin: string, outcome: string) => samples.find((s) => s.labels.plugin === plugin && s.labels.outcome === outcome)?.value;
    expect(count('fixture-source', 'accepted')).to.equal(3);
    expect(count('fixture-source', 'unauthorized')).to.equal(4);
    expect(count('fixture-source', 'too_large')).to.equal(2);
    expect(count('unknown', 'unknown_plugin')).to.equal(1);
    expect(samples.some((s) => s.labels.plugin === 'no-such-plugin')).to.equal(false);
  });

  it('never answers 5xx nor stores a thing for hostile bodies and headers, whichever plugin gets them', async function () {
    this.timeout(60_000);
    const before = (await stored()).incidents;
    const body = fc.oneof(
      fc.json().map((text) => ({ raw: text })),
      fc.jsonValue().map((value) => ({ raw: JSON.stringify({ alerts: [value] }) })),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ raw: Buffer.from(bytes) })),
      fc.record({ id: fc.string(), status: fc.string(), title: fc.string() }).map((alert) => ({ raw: JSON.stringify({ alerts: [alert, { id: '', status: 'firing' }] }) })),
    );
    const auth = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 40 }), fc.constant(`Bearer ${TYPEERROR_TOKEN}`), fc.constant(`bearer  ${TOKEN} `));
    await fc.assert(fc.asyncProperty(fc.constantFrom('fixture-source', 'fixture-typeerror', 'fixture-hang'), body, auth, async (plugin, { raw }, authorization) => {
      const headers: Record<string, string> = {};
      if (authorization !== undefined && /^[\t\x20-\x7e]*$/.test(authorization)) headers.authorization = authorization;
      const answer = await postWebhook(server.url, plugin, { raw, headers });
      expect(answer.status, answer.text).to.be.oneOf([400, 401, 404]);
      expect(answer.body?.error?.code, answer.text).to.be.a('string');
      expect(answer.text).not.to.match(/\n\s+at /);
    }), { numRuns: 300 });
    expect((await stored()).incidents).to.equal(before);
  });

  it('never writes a plugin secret to the log, though the plugins put them in messages, fields and errors', async () => {
    const log = serverLog(dir);
    expect(log).to.contain('activated with token [redacted]');
    expect(log).to.contain('cannot reach the monitor with [redacted]');
    for (const secret of [TOKEN, TYPEERROR_TOKEN, BROKEN_TOKEN]) expect(log).not.to.contain(secret);
  });
});

/** A chunked POST of `total` bytes (no Content-Length), for the limit that cannot be seen up front. */
function chunkedPost(url: string, token: string, total: number): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'x'.charCodeAt(0));
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) { req.once('drain', pump); return; }
      }
      req.end();
    };
    pump();
  });
}
