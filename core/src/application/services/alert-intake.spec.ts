import { expect } from 'chai';
import { MAX_TITLE_LENGTH } from '../../domain/incident';
import { defaultSettings } from '../container/settings';
import { TransitionIncident } from './transition-incident';
import { alertApp, alertmanager, firing, resolved } from './alert-intake.spec-helper';

const PLUGIN = { platform: 'webhook', id: 'plugin:alertmanager', name: 'Prometheus Alertmanager' };

describe('AlertIntake: an alert declares an incident', () => {
  it('declares with the severity the alert names, from the plugin, with the link back, and nobody in command', async () => {
    const app = alertApp();
    const [result] = await app.intake.ingest(alertmanager(), [firing('checkout', { severity: 'sev1', services: [' checkout ', 'payments', 'checkout'], startedAt: '2026-11-22T02:41:00Z' })]);
    expect(result).to.deep.include({ action: 'declared', groupKey: '{}:{alertname="checkout"}' });
    const [incident] = await app.incidents();
    expect(result!.incident).to.deep.equal({ id: incident!.id, reference: 'INC-1' });
    const s = incident!.snapshot();
    expect(s).to.deep.include({ title: 'checkout error rate above 5%', severity: 'SEV1', status: 'triage', private: false, source: 'alertmanager', services: ['checkout', 'payments'] });
    expect(s.declaredBy).to.deep.equal(PLUGIN);
    expect(s.roles, 'an alert leaves the commander role open').to.deep.equal([]);
    expect(s.milestones.detected!.toISOString()).to.equal('2026-11-22T02:41:00.000Z');
    const entries = await app.timeline(incident!);
    expect(entries.map((e) => [e.kind, e.source])).to.deep.equal([['declared', 'alertmanager'], ['alert', 'alertmanager']]);
    expect(entries[1]!.actor).to.deep.equal(PLUGIN);
    expect(entries[1]!.text).to.equal('Prometheus Alertmanager: firing: checkout errors on api-1 https://alertmanager.example.com/#/alerts?group=checkout');
    expect(entries[1]!.data).to.deep.include({ status: 'firing', url: 'https://alertmanager.example.com/#/alerts?group=checkout' });
  });

  it('declares at the default severity when the alert names a level that is not configured, or none', async () => {
    const app = alertApp();
    await app.intake.ingest(alertmanager(), [firing('a', { severity: 'P0' }), firing('b'), firing('c', { severity: 'critical' })]);
    const bySeverity = (await app.incidents()).map((i) => [i.title.split(' ')[0], i.severity]).sort();
    expect(bySeverity).to.deep.equal([['a', 'SEV3'], ['b', 'SEV3'], ['c', 'SEV1']]);
  });

  it('declares private incidents for a private installation', async () => {
    const app = alertApp();
    await app.intake.ingest(alertmanager({ private: true }), [firing()]);
    expect((await app.incidents())[0]!.isPrivate).to.equal(true);
  });

  it('cuts a long title to the domain limit on one line, and a source clock in the future or the distant past is not "detected"', async () => {
    const app = alertApp();
    const long = `Disk\nfull ${'on a very long host name '.repeat(20)}😀`;
    await app.intake.ingest(alertmanager(), [firing('a', { title: long, startedAt: '2999-01-01T00:00:00Z' }), firing('b', { title: '  \n ', startedAt: '0001-01-01T00:00:00Z' })]);
    const [b, a] = await app.incidents();
    expect(a!.title.length).to.be.at.most(MAX_TITLE_LENGTH);
    expect(a!.title).to.match(/^Disk full on a very long host name .*…$/);
    expect(b!.title, 'a source that names nothing still declares').to.equal('Prometheus Alertmanager alert');
    for (const i of [a!, b!]) expect(i.snapshot().milestones.detected!.getTime()).to.equal(i.snapshot().createdAt.getTime());
  });

  it('opens the room where the plugin was installed, else at home', async () => {
    const app = alertApp();
    await app.intake.ingest(alertmanager({ roomsAt: { platform: 'console', workspaceId: 'ws-ops' } }), [firing('a')]);
    await app.intake.ingest(alertmanager({ roomsAt: undefined }), [firing('b')]);
    await app.flush();
    const rooms = app.gateway.calls.filter((c) => c.method === 'createRoom').map((c) => (c.args[0] as { workspaceId: string }).workspaceId);
    expect(rooms).to.deep.equal(['ws-ops', 'local']);
  });
});

describe('AlertIntake: redeliveries and later signals', () => {
  it('a redelivered webhook changes nothing: no second timeline entry, no second outbox message', async () => {
    const app = alertApp();
    const webhook = [firing('checkout'), resolved('other')];
    const first = await app.intake.ingest(alertmanager(), webhook);
    const before = app.footprint();
    const again = await app.intake.ingest(alertmanager(), webhook);
    expect(app.footprint()).to.deep.equal(before);
    expect(again.map((r) => r.action)).to.deep.equal(['duplicate', 'duplicate']);
    expect(again[0]!.incident, 'names what it did the first time').to.deep.equal(first[0]!.incident);
    expect(again[1]!.incident).to.equal(undefined);
  });

  it('notes a later firing of the same group on its open incident', async () => {
    const app = alertApp();
    await app.intake.ingest(alertmanager(), [firing('checkout')]);
    const before = app.footprint();
    const [later] = await app.intake.ingest(alertmanager(), [firing('checkout', { alerts: [{ id: 'x', status: 'firing', title: 'checkout errors on api-2' }, { id: 'y', status: 'firing', title: 'checkout errors on api-3' }] })]);
    expect(later).to.deep.include({ action: 'noted', incident: { id: (await app.incidents())[0]!.id, reference: 'INC-1' } });
    expect(app.footprint()).to.deep.include({ incidents: 1, timeline: before.timeline + 1, outbox: before.outbox });
    const last = (await app.timeline((await app.incidents())[0]!)).at(-1)!;
    expect(last).to.deep.include({ kind: 'alert', source: 'alertmanager' });
    expect(last.text).to.match(/^Prometheus Alertmanager: firing again: checkout errors on api-2, checkout errors on api-3 https:/);
  });

  it('resolves the open incident from triage as the plugin, through the lifecycle, announcing it and drafting the postmortem', async () => {
    const app = alertApp();
    await app.intake.ingest(alertmanager(), [firing('checkout')]);
    app.clock.advance(12);
    const [result] = await app.intake.ingest(alertmanager(), [resolved('checkout')]);
    expect(result!.action).to.equal('resolved');
    const [incident] = await app.incidents();
    expect(incident!.status).to.equal('resolved');
    expect(incident!.snapshot().milestones.resolved).to.deep.equal(app.clock.now());
    const change = (await app.timeline(incident!)).find((e) => e.kind === 'status_change')!;
    expect(change).to.deep.include({ source: 'alertmanager', actor: PLUGIN, text: 'Status triage → resolved: Prometheus Alertmanager reports the alert resolved.' });
    const topics = [...app.store.database.outbox.values()].map((m) => m.topic);
    expect(topics).to.include.members(['incident.announce', 'postmortem.draft']);
  });

  it('only notes the resolve when the installation says so', async () => {
    const app = alertApp();
    await app.intake.ingest(alertmanager({ onResolve: 'note' }), [firing('checkout')]);
    const outbox = app.footprint().outbox;
    const [result] = await app.intake.ingest(alertmanager({ onResolve: 'note' }), [resolved('checkout')]);
    const [incident] = await app.incidents();
    expect(result!.action).to.equal('noted');
    expect(incident!.status).to.equal('triage');
    expect((await app.timeline(incident!)).at(-1)!.text).to.match(/^Prometheus Alertmanager: resolved: /);
    expect(app.footprint().outbox, 'nothing announced').to.equal(outbox);
  });

  it('ignores a resolve for a group with no open incident, storing only the delivery', async () => {
    const app = alertApp();
    const [result] = await app.intake.ingest(alertmanager(), [resolved('never-fired')]);
    expect(result).to.deep.include({ action: 'ignored' });
    expect(app.footprint()).to.deep.equal({ incidents: 0, timeline: 0, outbox: 0, inbox: 1, alertGroups: 0 });
  });

  it('declares a new incident for a firing after the last was resolved, closed or declined by people', async () => {
    const app = alertApp();
    const transitions = app.container.get(TransitionIncident);
    await app.intake.ingest(alertmanager(), [firing('checkout')]);
    await app.intake.ingest(alertmanager(), [resolved('checkout')]);
    const [second] = await app.intake.ingest(alertmanager(), [firing('checkout')]);
    expect(second).to.deep.include({ action: 'declared', incident: { id: second!.incident!.id, reference: 'INC-2' } });
    await transitions.execute(app.ctx('alice'), 'decline', 'INC-2', 'a false alarm');
    const [third] = await app.intake.ingest(alertmanager(), [firing('checkout')]);
    expect(third!.incident!.reference).to.equal('INC-3');
    const [noted] = await app.intake.ingest(alertmanager(), [firing('checkout')]);
    expect(noted).to.deep.include({ action: 'noted', incident: third!.incident });
    const [ignored] = await app.intake.ingest(alertmanager(), [resolved('other-group')]);
    expect(ignored!.action).to.equal('ignored');
    expect((await app.incidents()).map((i) => [i.reference, i.status])).to.deep.equal([['INC-3', 'triage'], ['INC-2', 'declined'], ['INC-1', 'resolved']]);
  });

  it('notes on the incident again when a person reopened it before the alert fired again', async () => {
    const app = alertApp();
    await app.intake.ingest(alertmanager(), [firing('checkout')]);
    await app.intake.ingest(alertmanager(), [resolved('checkout')]);
    await app.container.get(TransitionIncident).execute(app.ctx('alice'), 'reopen', 'INC-1', 'it is back');
    const [again] = await app.intake.ingest(alertmanager(), [firing('checkout')]);
    expect(again).to.deep.include({ action: 'noted', incident: { id: (await app.incidents())[0]!.id, reference: 'INC-1' } });
    expect(await app.incidents()).to.have.length(1);
  });

  it('keeps each plugin of the muster.yaml installation to its own groups and deliveries', async () => {
    const app = alertApp(defaultSettings());
    const grafana = alertmanager({ pluginId: 'grafana', pluginName: 'Grafana' });
    const signal = firing('checkout');
    const results = [...await app.intake.ingest(alertmanager(), [signal]), ...await app.intake.ingest(grafana, [signal])];
    expect(results.map((r) => [r.action, r.incident!.reference])).to.deep.equal([['declared', 'INC-1'], ['declared', 'INC-2']]);
  });
});
