import { expect } from 'chai';
import { type Logger } from '@muster/core';
import { InMemoryDatabase, InMemoryTimelineRepository } from '@muster/core/testing';
import type { PluginHealthRepository, PluginHealthState } from '@muster/store';
import { ServerMetrics } from '../../metrics/server-metrics';
import { SecretRedactor } from '../context/secret-redactor';
import { PluginGuard, type GuardedCall } from './plugin-guard';
import { PluginHealthBook } from './plugin-health-book';
import { DEFAULT_PLUGIN_TIMEOUTS } from './plugin-timeouts';

/** A fake of the health table: what was recorded, per installation. */
class FakeHealthRepository {
  readonly rows = new Map<string, PluginHealthState>();
  writes = 0;
  async recordSuccess(plugin: string, installation: string, at: Date) { this.writes++; this.rows.set(`${plugin}/${installation}`, { ...this.rows.get(`${plugin}/${installation}`), lastSuccessAt: at }); }
  async recordFailure(plugin: string, installation: string, at: Date, reason: string) { this.writes++; this.rows.set(`${plugin}/${installation}`, { ...this.rows.get(`${plugin}/${installation}`), lastFailureAt: at, lastFailure: reason }); }
  async find(plugin: string, installation: string) { return this.rows.get(`${plugin}/${installation}`) ?? {}; }
  async remove() { /* not needed */ }
}

const SECRET = 'hunter2-secret-value';
const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function setUp(logger: Logger = silent) {
  const db = new InMemoryDatabase();
  const timeline = new InMemoryTimelineRepository(db);
  const health = new FakeHealthRepository();
  const metrics = new ServerMetrics();
  let n = 0;
  const guard = new PluginGuard({
    timeouts: { ...DEFAULT_PLUGIN_TIMEOUTS, event: 40 }, health: new PluginHealthBook(health as unknown as PluginHealthRepository, logger), metrics, timeline,
    clock: { now: () => new Date('2026-03-01T10:00:00Z') }, ids: { newId: () => `id-${++n}` }, logger,
  });
  const call = (extra: Partial<GuardedCall> = {}): GuardedCall => ({
    pluginId: 'acme', pluginName: 'Acme Monitor', installationId: 'config', operation: 'event', what: 'incident.declared', redactor: new SecretRedactor([SECRET]), ...extra,
  });
  const count = async (outcome: string, operation = 'event') => (await metrics.pluginCalls.get()).values.find((s) => s.labels.outcome === outcome && s.labels.operation === operation)?.value ?? 0;
  return { guard, call, health, timeline, count };
}

describe('PluginGuard: every plugin call is time-limited, caught, counted and recorded', () => {
  it('returns the value of a call that settles in time, counting it ok and healthy', async () => {
    const { guard, call, health, count } = setUp();
    expect(await guard.run(call(), async () => 42)).to.deep.equal({ ok: true, value: 42 });
    expect(await count('ok')).to.equal(1);
    expect((await health.find('acme', 'config')).lastSuccessAt).to.be.instanceOf(Date);
  });

  it('gives up on a call that never settles, with the limit in the reason', async () => {
    const { guard, call, count, health } = setUp();
    const outcome = await guard.run(call(), () => new Promise<never>(() => undefined));
    expect(outcome).to.deep.include({ ok: false, kind: 'timeout', reason: 'timed out after 40 ms' });
    expect(await count('timeout')).to.equal(1);
    expect((await health.find('acme', 'config')).lastFailure).to.equal('incident.declared: timed out after 40 ms');
  });

  it('catches a synchronous throw and a throw of something that is not an Error, never passing them on', async () => {
    const { guard, call } = setUp();
    const sync = await guard.run(call(), () => { throw new TypeError('x is not a function'); });
    expect(sync).to.deep.include({ ok: false, kind: 'error', reason: 'TypeError: x is not a function' });
    const odd = await guard.run(call(), () => { throw 'just a string'; }); // What a careless plugin does.
    expect(odd).to.deep.include({ ok: false, kind: 'error', reason: 'threw string' });
  });

  it('treats an expected refusal as an answer: counted as rejected, and the plugin stays healthy', async () => {
    const { guard, call, health, count } = setUp();
    const outcome = await guard.run(call({ operation: 'parse', isRejection: (e) => e instanceof RangeError }), () => { throw new RangeError('bad payload'); });
    expect(outcome).to.deep.include({ ok: false, kind: 'rejected' });
    expect(await count('rejected', 'parse')).to.equal(1);
    expect((await health.find('acme', 'config')).lastFailure).to.equal(undefined);
  });

  it('keeps secrets out of the reason, the health and the log', async () => {
    const lines: string[] = [];
    const logger: Logger = { ...silent, warn: (msg, fields) => { lines.push(`${msg} ${JSON.stringify(fields)}`); } };
    const { guard, call, health } = setUp(logger);
    const outcome = await guard.run(call(), () => { throw new Error(`401 for token ${SECRET} at https://x/?key=${SECRET}`); });
    expect(outcome.ok).to.equal(false);
    expect(JSON.stringify(outcome)).not.to.contain(SECRET);
    expect(JSON.stringify(await health.find('acme', 'config'))).not.to.contain(SECRET);
    expect(lines.join('\n')).to.contain('[redacted]').and.not.to.contain(SECRET);
  });

  it('notes a failure about an incident on its timeline once per delivery, however often it is retried', async () => {
    const { guard, call, timeline } = setUp();
    const about = call({ incident: { id: 'inc-1', deliveryKey: 'plugin.event:acme:config:incident.declared:inc-1:v1' } });
    for (let attempt = 0; attempt < 3; attempt++) await guard.run(about, () => { throw new Error('remote down'); });
    await guard.run(call({ incident: { id: 'inc-1', deliveryKey: 'another-delivery' } }), () => { throw new Error('remote down'); });
    const entries = await timeline.list('inc-1');
    expect(entries.map((e) => [e.kind, e.source, e.text])).to.deep.equal([
      ['integration', 'acme', 'Acme Monitor plugin failed on incident.declared: Error: remote down'],
      ['integration', 'acme', 'Acme Monitor plugin failed on incident.declared: Error: remote down'],
    ]);
  });

  it('writes a run of successes at most every few seconds, and a success after a failure at once', async () => {
    const { guard, call, health } = setUp();
    for (let i = 0; i < 5; i++) await guard.run(call(), () => 1);
    expect(health.writes).to.equal(1);
    await guard.run(call(), () => { throw new Error('once'); });
    await guard.run(call(), () => 1);
    expect(health.writes).to.equal(3);
  });
});
