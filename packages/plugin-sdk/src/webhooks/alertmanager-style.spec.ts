import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';
import { alertSourceOptions } from '../capabilities/alert-source-options';
import type { PluginLogger } from '../plugin-context';
import { TEST_SEVERITIES } from '../testing/plugin-test-host';
import { hostileText } from '../testing/properties/hostile-text';
import { undescribedSettings } from '../testing/undescribed-settings';
import { assertWellFormedSignals } from '../testing/well-formed-signals';
import { alertmanagerStyleNotification, readAlertmanagerStyle, type AlertmanagerStyleAlert, type AlertmanagerStyleSettings } from './alertmanager-style';
import { alertmanagerStyleOptions, alertmanagerStyleSettings } from './alertmanager-style-options';
import { deliveryDigest } from './delivery-digest';
import { safeUrl } from './links';
import { readValue } from './read-payload';

const FIVE_LEVELS = ['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => ({ id, label: id }));
const configSchema = z.strictObject({ ...alertSourceOptions, ...alertmanagerStyleOptions });
const SENDER = { testInstance: 'Alertmanager', alertUrl: (alert: AlertmanagerStyleAlert) => safeUrl(alert.generatorURL) };
const schema = alertmanagerStyleNotification('4');
type Body = z.input<typeof schema> & { alerts: z.input<typeof schema>['alerts'] };

/** Alertmanager's documented firing notification (one alert group, one alert). */
const DOCUMENTED: Body = {
  version: '4', groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}', truncatedAlerts: 0, status: 'firing', receiver: 'muster',
  groupLabels: { alertname: 'ProbeFailure' },
  commonLabels: { alertname: 'ProbeFailure', job: 'http_checks', service: 'checkout', severity: 'critical' },
  commonAnnotations: { summary: 'BlackBox probe failure: checkout is unreachable', description: 'https://checkout.example.org has been down for over 5m.' },
  externalURL: 'http://alertmanager.example.org:9093',
  alerts: [{
    status: 'firing', labels: { alertname: 'ProbeFailure', instance: 'https://checkout.example.org', service: 'checkout', severity: 'critical' },
    annotations: { summary: 'BlackBox probe failure: checkout is unreachable', description: 'down for over 5m' },
    startsAt: '2026-02-06T13:08:45.828Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success', fingerprint: '1a30ba71cca2921f',
  }],
};

/** An installation's settings from its raw config (validated as a plugin's schema would), and what it warned. */
function installation(config: unknown = {}, severities: readonly { id: string; label: string }[] = TEST_SEVERITIES) {
  const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
  const quiet = () => undefined;
  const logger: PluginLogger = { debug: quiet, info: quiet, error: quiet, warn: (msg, fields) => warnings.push({ msg, fields }) };
  return { settings: alertmanagerStyleSettings({ config: configSchema.parse(config), severities, logger }), warnings };
}

function notification(change: (body: Body) => void = () => undefined) {
  const body = structuredClone(DOCUMENTED);
  change(body);
  return readValue(body, schema);
}

const read = (body = notification(), settings: AlertmanagerStyleSettings = installation().settings) => readAlertmanagerStyle(body, settings, SENDER);

/** The documented notification with `labels` on the group and every alert. */
const labelled = (labels: Record<string, string>) => notification((body) => {
  body.commonLabels = { ...body.commonLabels, ...labels };
  body.alerts = body.alerts.map((alert) => ({ ...alert, labels: { ...alert.labels, ...labels } }));
});

const severityOf = (labels: Record<string, string>, config: unknown = {}, severities?: { id: string; label: string }[]) =>
  read(labelled(labels), installation(config, severities).settings)!.signal.severity;

/** A second alert of the group: one more instance failing. */
const secondAlert = (body: Body, changes: Partial<Body['alerts'][number]> = {}) => body.alerts.push({
  ...structuredClone(body.alerts[0]!), labels: { ...body.alerts[0]!.labels, instance: 'https://checkout-2.example.org' }, fingerprint: '77c1b3d9e0a4f512', startsAt: '2026-02-06T13:12:45.828Z', ...changes,
});

describe('Alertmanager-style notifications: severity and services', () => {
  it('maps critical, warning and info onto the most severe, the next and the least level by default', () => {
    expect(['critical', 'warning', 'info', 'Critical'].map((severity) => severityOf({ severity }))).to.deep.equal(['SEV1', 'SEV2', 'SEV3', 'SEV1']);
  });

  it('follows the installation\'s own levels: five levels put info on the fifth', () => {
    expect(['critical', 'warning', 'info'].map((severity) => severityOf({ severity }, {}, FIVE_LEVELS))).to.deep.equal(['P1', 'P2', 'P5']);
  });

  it('leaves the severity to the host for an unknown value or no label', () => {
    expect(severityOf({ severity: 'apocalyptic' })).to.equal(undefined);
    const unlabelled = notification((body) => {
      delete body.commonLabels!.severity;
      for (const alert of body.alerts) delete alert.labels.severity;
    });
    expect(read(unlabelled)!.signal.severity).to.equal(undefined);
  });

  it('uses the configured label and map (the muster.yaml contract example), which replaces the defaults', () => {
    const config = { severity: { label: 'priority', map: { critical: 'SEV1', warning: 'SEV3' } } };
    expect(severityOf({ priority: 'warning', severity: 'critical' }, config)).to.equal('SEV3');
    expect(severityOf({ priority: 'critical' }, config)).to.equal('SEV1');
    expect(severityOf({ priority: 'info' }, config)).to.equal(undefined);
  });

  it('falls back to the default level for a map naming a level the installation lacks, and warns once at activation', () => {
    const { settings, warnings } = installation({ severity: { map: { critical: 'SEV0', warning: 'sev2' } } });
    expect(read(labelled({ severity: 'critical' }), settings)!.signal.severity).to.equal(undefined);
    expect(read(labelled({ severity: 'warning' }), settings)!.signal.severity).to.equal('SEV2');
    expect(warnings).to.have.length(1);
    expect(warnings[0]!.fields).to.deep.include({ entries: ['critical → SEV0'] });
    expect(installation({ severity: { map: { critical: 'SEV1' } } }).warnings).to.deep.equal([]);
  });

  it('takes the most severe level among the group\'s alerts', () => {
    const mixed = notification((body) => {
      body.commonLabels = { alertname: 'ProbeFailure' };
      body.alerts[0]!.labels.severity = 'warning';
      secondAlert(body, { labels: { ...body.alerts[0]!.labels, severity: 'critical' } });
    });
    expect(read(mixed)!.signal.severity).to.equal('SEV1');
  });

  it('names the services from the configured label, each once', () => {
    const body = notification((doc) => {
      secondAlert(doc, { fingerprint: 'eeee', labels: { ...doc.alerts[0]!.labels, service: 'payments', team: 'pay' } });
      secondAlert(doc, { fingerprint: 'dddd', labels: { ...doc.alerts[0]!.labels, team: 'web' } });
    });
    expect(read(body)!.signal.services).to.deep.equal(['checkout', 'payments']);
    expect(read(body, installation({ service: { label: 'team' } }).settings)!.signal.services).to.deep.equal(['pay', 'web']);
  });

  it('describes every setting for the install form, refuses a misspelt or mistyped key by name, and defaults the options', () => {
    expect(undescribedSettings(configSchema)).to.deep.equal([]);
    for (const config of [{ severty: {} }, { severity: { label: '' } }, { severity: { map: { critical: 1 } } }, { service: { lable: 'x' } }, { onResolve: 'close' }]) {
      expect(configSchema.safeParse(config).success, JSON.stringify(config)).to.equal(false);
    }
    expect(configSchema.parse({})).to.deep.equal({ onResolve: 'resolve', private: false, severity: { label: 'severity' }, service: { label: 'service' } });
  });
});

describe('Alertmanager-style notifications: the group', () => {
  it('reads the documented notification: title, summary, start, labels and its alert', () => {
    const group = read()!;
    expect(group.title).to.equal('BlackBox probe failure: checkout is unreachable');
    expect(group.lead.fingerprint).to.equal('1a30ba71cca2921f');
    expect(group.signal).to.deep.equal({
      status: 'firing', summary: 'https://checkout.example.org has been down for over 5m.', severity: 'SEV1', services: ['checkout'],
      startedAt: '2026-02-06T13:08:45.828Z', labels: DOCUMENTED.commonLabels,
      alerts: [{ id: '1a30ba71cca2921f', status: 'firing', title: 'BlackBox probe failure: checkout is unreachable', url: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success' }],
    });
  });

  it('means nothing without alerts, or with only the sender\'s test alert (labels may be added to it)', () => {
    expect(read(notification((body) => { body.alerts = []; }))).to.equal(undefined);
    const test = notification((body) => { body.alerts[0]!.labels = { alertname: 'TestAlert', instance: 'Alertmanager', team: 'blue' }; });
    expect(read(test)).to.equal(undefined);
    expect(readAlertmanagerStyle(test, installation().settings, { ...SENDER, testInstance: 'Grafana' })).not.to.equal(undefined);
  });

  it('titles the group from its summary, then alertname; undefined when nothing names it', () => {
    expect(read(notification((body) => { body.commonAnnotations = {}; }))!.title).to.equal('ProbeFailure');
    const bare = readValue({ version: '4', groupKey: 'g', status: 'firing', alerts: [{ status: 'firing', labels: {} }] }, schema);
    expect(read(bare)!.title).to.equal(undefined);
    expect(read({ ...bare, commonAnnotations: { summary: ' \n\t ' } })!.title).to.equal(undefined);
  });

  it('takes the only alert\'s description as the summary, never one alert\'s of several', () => {
    expect(read(notification((body) => { body.commonAnnotations = {}; }))!.signal.summary).to.equal('down for over 5m');
    expect(read(notification((body) => { body.commonAnnotations = {}; secondAlert(body); }))!.signal.summary).to.equal(undefined);
  });

  it('starts the group when its first alert did, reading Go\'s zero time and unparseable timestamps as "not given"', () => {
    expect(read(notification((body) => secondAlert(body, { startsAt: '2026-02-06T13:00:00.000Z' })))!.signal.startedAt).to.equal('2026-02-06T13:00:00.000Z');
    const undated = notification((body) => { body.alerts[0]!.startsAt = '0001-01-01T00:00:00Z'; secondAlert(body, { startsAt: 'yesterday' }); });
    expect(read(undated)!.signal.startedAt).to.equal(undefined);
  });

  it('identifies a notification by its alerts, whatever their order: a repeat is the same, a change is not', () => {
    const identity = (change?: (body: Body) => void) => JSON.stringify(read(notification(change))!.identity);
    const two = (body: Body) => secondAlert(body);
    expect(identity()).to.equal(identity());
    expect(identity((body) => { two(body); body.alerts.reverse(); })).to.equal(identity(two));
    expect(identity(two)).not.to.equal(identity());
    expect(identity((body) => { body.alerts[0]!.status = 'resolved'; })).not.to.equal(identity());
    expect(identity((body) => { body.alerts[0]!.startsAt = '2026-02-06T14:00:00.000Z'; })).not.to.equal(identity());
  });

  it('names an alert without a fingerprint by its labels, and lists at most 100 alerts and 20 services', () => {
    const unprinted = notification((body) => { delete body.alerts[0]!.fingerprint; });
    expect(read(unprinted)!.signal.alerts![0]!.id).to.match(/^[0-9a-f]{16}$/).and.equal(read(unprinted)!.signal.alerts![0]!.id);
    const crowd = notification((body) => {
      for (let i = 0; i < 150; i += 1) secondAlert(body, { fingerprint: `f${i}`, labels: { ...body.alerts[0]!.labels, service: `s${i}` } });
    });
    expect(read(crowd)!.signal.alerts).to.have.length(100);
    expect(read(crowd)!.signal.services).to.have.length(20);
  });

  it('reads hostile label and annotation text into well-formed parts, identical on a second reading', () => {
    const labels = fc.dictionary(hostileText, hostileText, { maxKeys: 8 });
    fc.assert(fc.property(labels, labels, (alertLabels, annotations) => {
      const body = notification((doc) => {
        doc.commonAnnotations = annotations;
        doc.alerts[0]!.labels = alertLabels;
        doc.alerts[0]!.annotations = annotations;
      });
      const first = read(body)!;
      const again = read(structuredClone(body))!;
      assertWellFormedSignals([{ ...first.signal, groupKey: 'g', deliveryId: deliveryDigest(first.identity), title: first.title ?? 'Alert' }], { severities: TEST_SEVERITIES });
      expect(again.identity).to.deep.equal(first.identity);
    }), { numRuns: 2500 });
  });
});
