import { expect } from 'chai';
import { activateForTest, assertDeliveries, deliver } from '@muster/plugin-sdk/testing';
import alertmanager from './index';
import { fixture } from './fixtures';

const SECRETS = { TOKEN: 'am-delivery-token-0d7f', USERNAME: 'am-user-4411', PASSWORD: 'am-delivery-pw-51c2' };
const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const bearer = { Authorization: `Bearer ${SECRETS.TOKEN}` };

/** Verify, then parse, as the host does: what a webhook to /webhooks/alertmanager would store. */
describe('alertmanager: delivery through the test host', () => {
  it('declares with the token and resolves with basic auth in one group, refuses wrong or missing credentials, answers a malformed body with its reason, and leaks no secret', async () => {
    // A map naming a level the installation lacks, so activation logs a warning that must not carry a secret either.
    const plugin = await activateForTest(alertmanager, { secrets: SECRETS, config: { severity: { map: { critical: 'SEV1', warning: 'SEV0' } } } });
    const [firing, resolved] = await assertDeliveries(plugin, SECRETS, {
      accepted: [{ body: fixture('firing'), headers: bearer }, { body: fixture('resolved'), headers: { Authorization: basicOf(SECRETS.USERNAME, SECRETS.PASSWORD) } }],
      refused: [{}, { Authorization: 'Bearer am-delivery-token-0d7e' }, { Authorization: basicOf(SECRETS.USERNAME, SECRETS.TOKEN) }, { Authorization: `Bearer ${SECRETS.PASSWORD}` }]
        .map((headers) => ({ body: fixture('firing'), headers })),
      malformed: { request: { body: { ...fixture('firing'), alerts: 'none' }, headers: bearer }, reason: 'alerts must be a list' },
    });
    expect(firing!.signals.map((s) => [s.status, s.severity])).to.deep.equal([['firing', 'SEV1']]);
    expect(resolved!.signals.map((s) => [s.status, s.groupKey])).to.deep.equal([['resolved', firing!.signals[0]!.groupKey]]);
  });

  it('an installation without credentials refuses every request, naming the variables to set', async () => {
    const { ports } = await activateForTest(alertmanager);
    const unset = await deliver(ports['alert-source'], { body: fixture('firing'), headers: bearer });
    expect(unset.verification).to.deep.equal({ ok: false, reason: 'no credentials are configured: set MUSTER_PLUGIN_ALERTMANAGER_TOKEN, or MUSTER_PLUGIN_ALERTMANAGER_USERNAME and MUSTER_PLUGIN_ALERTMANAGER_PASSWORD' });
  });
});
