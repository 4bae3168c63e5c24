import { expect } from 'chai';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { eventually } from '../kits/wait';
import { fixturePackage, writeMusterYaml } from './plugin-support';
import { parseExposition } from './server-prometheus-parser';
import { call, removeDir, startInProcess, tempDir, type InProcessServer } from './server-support';

interface Entry { kind: string; source: string; text: string }

/**
 * A plugin whose event handler throws and one whose handler never settles, beside a healthy one: the
 * incident flow (declare → room → resolve, over REST with a fake Slack home) completes as if they were
 * not there, each failure is on the incident's timeline once (not once per retry) and counted in /metrics,
 * and the healthy plugin hears its events.
 */
describe('plugin host: a throwing and a hanging plugin leave the incident flow complete (real server, SQLite)', function () {
  this.timeout(60_000);
  let dir: string;
  let slack: FakeSlackApi;
  let server: InProcessServer;
  const api = () => `${server.url}/api/v1`;

  before(async () => {
    dir = tempDir('plugin-isolation');
    slack = await FakeSlackApi.start();
    writeMusterYaml(dir, {
      'fixture-source': { enabled: true, package: fixturePackage(dir, 'fixture-source'), config: { team: 'payments' } },
      'fixture-typeerror': { enabled: true, package: fixturePackage(dir, 'fixture-typeerror') },
      'fixture-hang': { enabled: true, package: fixturePackage(dir, 'fixture-hang') },
      'fixture-broken': { enabled: true, package: fixturePackage(dir, 'fixture-broken') },
    }, { homePlatform: 'slack', homeWorkspaceId: slack.teamId });
    server = await startInProcess(dir, {
      SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.url,
      MUSTER_PLUGIN_FIXTURE_SOURCE_TOKEN: 'src-token-1234', MUSTER_PLUGIN_FIXTURE_TYPEERROR_TOKEN: 'te-token-5678', MUSTER_PLUGIN_FIXTURE_BROKEN_TOKEN: 'br-token-9012',
    }, { pluginTimeouts: { event: 250 } });
  });

  after(async () => {
    await server?.stop();
    await slack?.close();
    removeDir(dir);
  });

  const timeline = async (reference: string): Promise<Entry[]> => (await call(`${api()}/incidents/${reference}/timeline`, { token: server.token })).body.entries;
  const attemptsOf = async (plugin: string): Promise<number> => {
    const rows = await server.store.dataSource.query("SELECT attempts FROM outbox WHERE topic = 'plugin.event' AND idempotency_key LIKE ?", [`plugin.event:${plugin}:%incident.declared%`]);
    return Math.max(0, ...rows.map((r: { attempts: number }) => Number(r.attempts)));
  };

  it('declares, opens the room, resolves, with each failure noted once on the timeline', async () => {
    const declared = await call(`${api()}/incidents`, { token: server.token, json: { title: 'Checkout errors', severity: 'SEV2' } });
    expect(declared.status).to.equal(201);
    const reference: string = declared.body.reference;
    const room = await eventually('the incident room', () => slack.allChannels().find((c) => c.name.startsWith(`${reference.toLowerCase()}-`)));
    await eventually('the incident card in the room', () => (slack.messagesIn(room.id).length > 0 ? true : undefined));

    // Both failing handlers are retried by the outbox; the timeline notes each failure once.
    await eventually('a retry of the hanging handler', async () => ((await attemptsOf('fixture-hang')) >= 2 ? true : undefined));
    await eventually('a retry of the throwing handler', async () => ((await attemptsOf('fixture-typeerror')) >= 2 ? true : undefined));
    const failures = (await timeline(reference)).filter((e) => e.kind === 'integration');
    expect(failures.map((e) => [e.source, e.text])).to.have.deep.members([
      ['fixture-hang', 'Fixture Hang plugin failed on incident.declared: timed out after 250 ms'],
      ['fixture-typeerror', "Fixture TypeError plugin failed on incident.declared: TypeError: Cannot read properties of undefined (reading 'deeper')"],
    ]);

    const resolved = await call(`${api()}/incidents/${reference}/transitions`, { token: server.token, json: { action: 'resolve', reason: 'rolled back' } });
    expect(resolved.status).to.equal(200);
    expect(resolved.body.status).to.equal('resolved');
    await eventually('the hanging resolved handler noted', async () => ((await timeline(reference)).some((e) => e.text.includes('failed on incident.resolved')) ? true : undefined));
    expect((await timeline(reference)).filter((e) => e.kind === 'status_change')).to.have.length(1);
  });

  it("lets the healthy plugin hear both events, with the outbox message's idempotency key as delivery id", async () => {
    const declared = await server.store.pluginStorage.get('fixture-source', 'config', 'declared:INC-1');
    expect(JSON.parse(declared!)).to.deep.equal({ deliveryId: JSON.parse(declared!).deliveryId, tenant: 'default' });
    expect(JSON.parse(declared!).deliveryId).to.match(/^plugin\.event:fixture-source:config:incident\.declared:/);
    await eventually('the resolved event', async () => (await server.store.pluginStorage.get('fixture-source', 'config', 'resolved:INC-1')) ?? undefined);
  });

  it('counts the failures in /metrics and records them in health', async () => {
    const samples = parseExposition((await call(`${server.url}/metrics`)).text).get('muster_plugin_calls_total')!.samples;
    const value = (plugin: string, operation: string, outcome: string) => samples.find((s) => s.labels.plugin === plugin && s.labels.operation === operation && s.labels.outcome === outcome)?.value ?? 0;
    expect(value('fixture-hang', 'event', 'timeout')).to.be.at.least(2);
    expect(value('fixture-typeerror', 'event', 'error')).to.be.at.least(2);
    expect(value('fixture-source', 'event', 'ok')).to.be.at.least(2);
    expect(value('fixture-broken', 'activate', 'error')).to.equal(1);
    expect((await server.store.pluginHealth.find('fixture-hang', 'config')).lastFailure).to.match(/^incident\.(declared|resolved): timed out after 250 ms$/);
    const broken = await server.store.pluginHealth.find('fixture-broken', 'config');
    expect(broken.lastFailure).to.equal('activate: Error: cannot reach the monitor with [redacted]');
  });
});
