import { PluginConfigError, PluginHttpError } from '@muster/plugin-sdk';
import { webhookRequest } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import type { PagerDutyFake } from './fake';
import { acknowledged, pagerDutyHeaders, resolved, triggered } from './fixtures';
import { activated, checkout, seededFake, servicePage, WEBHOOK_SECRET } from './paging-host.spec-helper';

function signed(body: unknown) {
  const rawBody = JSON.stringify(body);
  return webhookRequest({ rawBody, headers: pagerDutyHeaders(rawBody, WEBHOOK_SECRET, 'wh-1') });
}

describe('pagerduty oncall: whoIsOnCall', () => {
  let pd: PagerDutyFake;
  beforeEach(async () => { pd = await seededFake(); });
  afterEach(() => pd.stop());

  it('answers the first escalation level of the service\'s policy, with emails, each person once', async () => {
    // A second service on the same policy lists Ana again: she is answered once.
    pd.addService('PTWICE', { escalationPolicy: 'PUS0KTE', oncall: [{ name: 'Ana Lima', email: 'ana@example.com' }] });
    const { ports } = await activated(pd);
    const people = await ports.oncall.whoIsOnCall({ name: 'checkout', service: checkout });
    expect(people).to.deep.equal([
      { platform: 'pagerduty', id: 'PTUXL6G', name: 'Ana Lima', email: 'ana@example.com' },
      { platform: 'pagerduty', id: 'PXCT22H', name: 'Bo Chen', email: 'bo@example.com' },
    ]);
    const oncalls = pd.requests.find((r) => r.path === '/oncalls')!;
    expect(oncalls.query.getAll('escalation_policy_ids[]')).to.deep.equal(['PUS0KTE']);
    expect(oncalls.query.getAll('include[]')).to.deep.equal(['users']);
  });

  it('an unknown service is a PluginHttpError 404; a name that cannot be a service id is a PluginConfigError', async () => {
    const { ports } = await activated(pd, { defaultService: undefined });
    const unknown = await ports.oncall.whoIsOnCall({ name: 'nosuch' }).catch((e: unknown) => e);
    expect(unknown).to.be.instanceOf(PluginHttpError).with.property('status', 404);
    const bad = await ports.oncall.whoIsOnCall({ name: 'check out/../x' }).catch((e: unknown) => e);
    expect(bad).to.be.instanceOf(PluginConfigError);
  });

  it('refuses an on-call answer without users instead of inventing people', async () => {
    const { ports } = await activated(pd);
    pd.answerNext({ status: 200, json: { service: { id: 'PF9KMXH', escalation_policy: { id: 'PUS0KTE' } } } });
    pd.answerNext({ status: 200, json: { oncalls: [{ escalation_level: 1 }] } });
    const error = await ports.oncall.whoIsOnCall({ name: 'checkout', service: checkout }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PluginHttpError);
    expect((error as Error).message).to.contain('oncalls.0.user');
  });
});

describe('pagerduty paging: acknowledgements from V3 webhooks', () => {
  let pd: PagerDutyFake;
  beforeEach(async () => { pd = await seededFake(); });
  afterEach(() => pd.stop());

  it('maps incident.acknowledged of a paged incident to its dedupKey and the paged person with email', async () => {
    const { ports } = await activated(pd);
    const { ref } = await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const body = pd.act(ref!.id, 'acknowledged', 'ana@example.com');
    const acks = await ports.paging.acknowledgements!(signed(body));
    expect(acks).to.deep.equal([{ dedupKey: 'muster:incident-1:checkout', state: 'acknowledged', by: { platform: 'pagerduty', id: 'PTUXL6G', name: 'Ana Lima', email: 'ana@example.com' } }]);
  });

  it('reads the documented webhook by its incident_key when the plugin did not page it here, and resolved as resolved', async () => {
    const { ports } = await activated(pd);
    expect(await ports.paging.acknowledgements!(signed(acknowledged))).to.deep.equal([
      { dedupKey: 'd3640fbd41094207a1c11e58e46b1662', state: 'acknowledged', by: { platform: 'pagerduty', id: 'PLH1HKV', name: 'Tenex Engineer' } },
    ]);
    const [ack] = await ports.paging.acknowledgements!(signed(resolved));
    expect(ack).to.include({ dedupKey: resolved.event.data.incident_key, state: 'resolved' });
  });

  it('answers nothing for other events, or an incident without a key Muster knows', async () => {
    const { ports } = await activated(pd);
    expect(await ports.paging.acknowledgements!(signed(triggered))).to.deep.equal([]);
    const keyless = { event: { ...acknowledged.event, data: { ...acknowledged.event.data, id: 'POTHER1', incident_key: null } } };
    expect(await ports.paging.acknowledgements!(signed(keyless))).to.deep.equal([]);
  });

  it('leaves out "by" when a service, not a user, acted', async () => {
    const { ports } = await activated(pd);
    const bySevice = { event: { ...resolved.event, agent: { id: 'PF9KMXH', type: 'service_reference', summary: 'Checkout API' } } };
    const [ack] = await ports.paging.acknowledgements!(signed(bySevice));
    expect(ack).to.not.have.property('by');
  });
});
