import { expect } from 'chai';
import { PluginConfigError } from '@muster/plugin-sdk';
import { activateForTest, webhookRequest } from '@muster/plugin-sdk/testing';
import datadog from './index';
import { fixture } from './fixtures';

const FIVE_LEVELS = ['S1', 'S2', 'S3', 'S4', 'S5'].map((id) => ({ id, label: id }));

async function severityOf(priority: string | undefined, options: Parameters<typeof activateForTest>[1] = {}) {
  const { ports } = await activateForTest(datadog, options);
  return ports['alert-source'].parse(webhookRequest({ body: untitled(priority) }))[0]!.severity;
}

/** The triggered fixture with `priority`, and no [P1] in its event title to fall back on. */
function untitled(priority: string | undefined) {
  return { ...fixture('triggered'), alert_priority: priority, title: '[Triggered on {host:web-1}] Checkout error rate is high' };
}

describe('datadog: severity and services', () => {
  it('maps P1 onto the most severe level, P2 the next, and the lower priorities onto the least', async () => {
    expect(await severityOf('P1')).to.equal('SEV1');
    expect(await severityOf('P2')).to.equal('SEV2');
    for (const priority of ['P3', 'P4', 'P5']) expect(await severityOf(priority)).to.equal('SEV3');
    expect(await severityOf('p2')).to.equal('SEV2');
  });

  it('follows five levels one to one', async () => {
    for (const [index, priority] of ['P1', 'P2', 'P3', 'P4', 'P5'].entries()) {
      expect(await severityOf(priority, { severities: FIVE_LEVELS })).to.equal(`S${index + 1}`);
    }
  });

  it('leaves the severity to the host without a priority, or with one it does not know', async () => {
    expect(await severityOf(undefined)).to.equal(undefined);
    expect(await severityOf('P0')).to.equal(undefined);
    expect(await severityOf('Urgent')).to.equal(undefined);
  });

  it('takes the priority from the title when the payload has no $ALERT_PRIORITY (the default payload)', async () => {
    const { ports } = await activateForTest(datadog);
    const body = { ...fixture('defaultTriggered'), title: '[P2] [Triggered on {host:web-1}] Checkout error rate is high' };
    expect(ports['alert-source'].parse(webhookRequest({ body }))[0]!.severity).to.equal('SEV2');
  });

  it('uses a configured map, which replaces the defaults', async () => {
    const config = { severity: { map: { P1: 'SEV1', P2: 'SEV1', P3: 'SEV2' } } };
    expect(await severityOf('P2', { config })).to.equal('SEV1');
    expect(await severityOf('P3', { config })).to.equal('SEV2');
    expect(await severityOf('P4', { config })).to.equal(undefined);
  });

  it('falls back to the default level for a map naming a level the installation lacks, and warns at activation', async () => {
    const { ports, logs } = await activateForTest(datadog, { config: { severity: { map: { P1: 'CRITICAL', P2: 'sev2' } } } });
    const parse = (priority: string) => ports['alert-source'].parse(webhookRequest({ body: untitled(priority) }))[0]!.severity;
    expect(parse('P1')).to.equal(undefined);
    expect(parse('P2')).to.equal('SEV2');
    expect(logs.filter((log) => log.level === 'warn')).to.have.length(1);
    expect(logs[0]!.fields).to.deep.include({ entries: ['P1 → CRITICAL'] });
  });

  it('names the services from the configured tag key, in $TAGS and $ALERT_SCOPE, each once', async () => {
    const body = { ...fixture('triggered'), tags: 'service:checkout, service:payments,team:web', alert_scope: 'service:checkout,team:ops' };
    const servicesOf = async (config: unknown) => (await activateForTest(datadog, { config })).ports['alert-source'].parse(webhookRequest({ body }))[0]!.services;
    expect(await servicesOf({})).to.deep.equal(['checkout', 'payments']);
    expect(await servicesOf({ service: { tag: 'team' } })).to.deep.equal(['web', 'ops']);
  });

  it('refuses a misspelt or mistyped config key before activating', async () => {
    for (const config of [{ groupby: 'monitor' }, { groupBy: 'host' }, { ignore: ['Warning'] }, { severity: { label: 'priority' } }, { private: 'yes' }]) {
      let error: unknown;
      try {
        await activateForTest(datadog, { config });
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(config)).to.be.instanceOf(PluginConfigError);
    }
  });

  it('defaults: group by aggregation key, service tag, nothing ignored, resolve on Recovered', async () => {
    const { ctx } = await activateForTest(datadog);
    expect(ctx.config).to.deep.equal({ onResolve: 'resolve', private: false, groupBy: 'aggregation', severity: {}, service: { tag: 'service' }, ignore: [] });
  });
});
