import { expect } from 'chai';
import { activateForTest, assertDeliveries } from '@muster/plugin-sdk/testing';
import datadog from './index';
import { fixture } from './fixtures';

const SECRETS = { TOKEN: 'dd-delivery-token-7a1e', USERNAME: 'dd-user-4411', PASSWORD: 'dd-delivery-pw-03bd' };
const custom = { 'X-Muster-Token': SECRETS.TOKEN };

/** Verify, then parse, as the host does: what a webhook to /webhooks/datadog would store. */
describe('datadog: delivery through the test host', () => {
  it('a trigger then a recovery with the custom header, through the template and the default payload: one group each, declared then resolved', async () => {
    // A map naming a level the installation lacks, so activation logs a warning that must not carry a secret either.
    const plugin = await activateForTest(datadog, { secrets: SECRETS, config: { severity: { map: { P1: 'SEV1', P2: 'SEV0' } } } });
    const [triggered, recovered, defaultTriggered, defaultRecovered] = await assertDeliveries(plugin, SECRETS, {
      accepted: (['triggered', 'recovered', 'defaultTriggered', 'defaultRecovered'] as const).map((name) => ({ body: fixture(name), headers: custom })),
      refused: [{}, { 'X-Muster-Token': 'dd-delivery-token-7a1f' }, { 'X-Muster-Token': SECRETS.PASSWORD }, { Authorization: `Basic ${Buffer.from(`dd-user-4411:${SECRETS.TOKEN}`).toString('base64')}` }]
        .map((headers) => ({ body: fixture('triggered'), headers })),
      malformed: { request: { body: { ...fixture('triggered'), title: {} }, headers: custom }, reason: 'title must be a string' },
    });
    expect(triggered!.signals.map((s) => [s.status, s.severity])).to.deep.equal([['firing', 'SEV1']]);
    expect(recovered!.signals.map((s) => [s.status, s.groupKey])).to.deep.equal([['resolved', triggered!.signals[0]!.groupKey]]);
    expect([...defaultTriggered!.signals, ...defaultRecovered!.signals].map((s) => s.status)).to.deep.equal(['firing', 'resolved']);
    expect(defaultRecovered!.signals[0]!.groupKey).to.equal(defaultTriggered!.signals[0]!.groupKey);
  });
});
