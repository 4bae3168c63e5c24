import { expect } from 'chai';
import { PluginConfigError } from '@muster/plugin-sdk';
import { activateForTest, webhookRequest } from '@muster/plugin-sdk/testing';
import alertmanager from './index';
import { fixture } from './fixtures';

const FIVE_LEVELS = ['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => ({ id, label: id }));

/** The firing fixture with every `severity` label (group and alerts) set to `value`. */
function firingWith(labels: Record<string, string>) {
  const body = fixture('firing');
  body.commonLabels = { ...body.commonLabels, ...labels };
  body.alerts = body.alerts.map((alert) => ({ ...alert, labels: { ...alert.labels, ...labels } }));
  return body;
}

async function severityOf(body: unknown, options: Parameters<typeof activateForTest>[1] = {}) {
  const { ports } = await activateForTest(alertmanager, options);
  return ports['alert-source'].parse(webhookRequest({ body }))[0]!.severity;
}

describe('alertmanager: severity and services', () => {
  it('maps critical, warning and info onto the most severe, the next and the least level by default', async () => {
    expect(await severityOf(firingWith({ severity: 'critical' }))).to.equal('SEV1');
    expect(await severityOf(firingWith({ severity: 'warning' }))).to.equal('SEV2');
    expect(await severityOf(firingWith({ severity: 'info' }))).to.equal('SEV3');
    expect(await severityOf(firingWith({ severity: 'Critical' }))).to.equal('SEV1');
  });

  it('follows the installation\'s own levels: five levels put info on the fifth', async () => {
    expect(await severityOf(firingWith({ severity: 'critical' }), { severities: FIVE_LEVELS })).to.equal('P1');
    expect(await severityOf(firingWith({ severity: 'warning' }), { severities: FIVE_LEVELS })).to.equal('P2');
    expect(await severityOf(firingWith({ severity: 'info' }), { severities: FIVE_LEVELS })).to.equal('P5');
  });

  it('leaves the severity to the host for an unknown value or no label', async () => {
    expect(await severityOf(firingWith({ severity: 'apocalyptic' }))).to.equal(undefined);
    const unlabelled = fixture('firing');
    delete (unlabelled.commonLabels as Record<string, string>).severity;
    delete (unlabelled.alerts[0]!.labels as Record<string, string>).severity;
    expect(await severityOf(unlabelled)).to.equal(undefined);
  });

  it('uses the configured label and map (the muster.yaml contract example), which replaces the defaults', async () => {
    const config = { severity: { label: 'priority', map: { critical: 'SEV1', warning: 'SEV3' } } };
    expect(await severityOf(firingWith({ priority: 'warning', severity: 'critical' }), { config })).to.equal('SEV3');
    expect(await severityOf(firingWith({ priority: 'critical' }), { config })).to.equal('SEV1');
    expect(await severityOf(firingWith({ priority: 'info' }), { config })).to.equal(undefined);
  });

  it('falls back to the default level for a map naming a level the installation lacks, and warns once at activation', async () => {
    const options = { config: { severity: { map: { critical: 'SEV0', warning: 'sev2' } } } };
    const { ports, logs } = await activateForTest(alertmanager, options);
    const parse = (severity: string) => ports['alert-source'].parse(webhookRequest({ body: firingWith({ severity }) }))[0]!.severity;
    expect(parse('critical')).to.equal(undefined);
    expect(parse('warning')).to.equal('SEV2');
    expect(logs.filter((log) => log.level === 'warn')).to.have.length(1);
    expect(logs[0]!.fields).to.deep.include({ entries: ['critical → SEV0'] });
  });

  it('takes the most severe level among the group\'s alerts', async () => {
    const body = firingWith({ severity: 'warning' });
    body.alerts.push({ ...structuredClone(body.alerts[0]!), fingerprint: 'ffff', labels: { ...body.alerts[0]!.labels, severity: 'critical' } });
    expect(await severityOf(body)).to.equal('SEV1');
  });

  it('names the services from the configured label, each once', async () => {
    const body = fixture('firing');
    body.alerts.push({ ...structuredClone(body.alerts[0]!), fingerprint: 'eeee', labels: { ...body.alerts[0]!.labels, service: 'payments', team: 'pay' } });
    body.alerts.push({ ...structuredClone(body.alerts[0]!), fingerprint: 'dddd', labels: { ...body.alerts[0]!.labels, team: 'web' } });
    const parse = async (config: unknown) => (await activateForTest(alertmanager, { config })).ports['alert-source'].parse(webhookRequest({ body }))[0]!.services;
    expect(await parse({})).to.deep.equal(['checkout', 'payments']);
    expect(await parse({ service: { label: 'team' } })).to.deep.equal(['pay', 'web']);
  });

  it('refuses a misspelt or mistyped config key by name before activating', async () => {
    for (const config of [{ severty: {} }, { severity: { label: '' } }, { severity: { map: { critical: 1 } } }, { onResolve: 'close' }]) {
      let error: unknown;
      try {
        await activateForTest(alertmanager, { config });
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(config)).to.be.instanceOf(PluginConfigError);
    }
  });

  it('defaults the shared alert-source options: resolve on resolved, public incidents', async () => {
    const { ctx } = await activateForTest(alertmanager);
    expect(ctx.config).to.deep.equal({ onResolve: 'resolve', private: false, severity: { label: 'severity' }, service: { label: 'service' } });
  });
});
