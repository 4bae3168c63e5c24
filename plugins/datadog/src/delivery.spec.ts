import { expect } from 'chai';
import { activateForTest, assertNoSecretIn, deliver, TEST_SEVERITIES } from '@muster/plugin-sdk/testing';
import datadog from './index';
import { fixture } from './fixtures';

const SECRETS = { TOKEN: 'dd-delivery-token-7a1e', USERNAME: 'dd-user-4411', PASSWORD: 'dd-delivery-pw-03bd' };
const custom = { 'X-Muster-Token': SECRETS.TOKEN };

/** Verify, then parse, as the host does: what a webhook to /webhooks/datadog would store. */
describe('datadog: delivery through the test host', () => {
  it('a trigger then a recovery with the custom header: one group, declared then resolved', async () => {
    const { ports } = await activateForTest(datadog, { secrets: SECRETS });
    const triggered = await deliver(ports['alert-source'], { body: fixture('triggered'), headers: custom }, { severities: TEST_SEVERITIES });
    const recovered = await deliver(ports['alert-source'], { body: fixture('recovered'), headers: custom }, { severities: TEST_SEVERITIES });
    expect(triggered.signals.map((s) => [s.status, s.severity])).to.deep.equal([['firing', 'SEV1']]);
    expect(recovered.signals.map((s) => s.status)).to.deep.equal(['resolved']);
    expect(recovered.signals[0]!.groupKey).to.equal(triggered.signals[0]!.groupKey);
  });

  it('the default payload, delivered the same way, declares and resolves one group too', async () => {
    const { ports } = await activateForTest(datadog, { secrets: SECRETS });
    const triggered = await deliver(ports['alert-source'], { body: fixture('defaultTriggered'), headers: custom });
    const recovered = await deliver(ports['alert-source'], { body: fixture('defaultRecovered'), headers: custom });
    expect([...triggered.signals, ...recovered.signals].map((s) => s.status)).to.deep.equal(['firing', 'resolved']);
    expect(recovered.signals[0]!.groupKey).to.equal(triggered.signals[0]!.groupKey);
  });

  it('a wrong or missing credential is refused before anything is parsed', async () => {
    const { ports } = await activateForTest(datadog, { secrets: SECRETS });
    for (const headers of [{}, { 'X-Muster-Token': 'dd-delivery-token-7a1f' }, { Authorization: `Basic ${Buffer.from(`dd-user-4411:${SECRETS.TOKEN}`).toString('base64')}` }]) {
      const delivery = await deliver(ports['alert-source'], { body: fixture('triggered'), headers });
      expect(delivery.verification.ok).to.equal(false);
      expect(delivery.signals).to.deep.equal([]);
      expect(delivery.payloadError).to.equal(undefined);
    }
  });

  it('a malformed body with the right token is a PayloadError (400), and nothing anywhere carries a secret', async () => {
    const { ports, logs } = await activateForTest(datadog, { secrets: SECRETS, config: { severity: { map: { P1: 'SEV0' } } } });
    const refused = await deliver(ports['alert-source'], { body: fixture('triggered'), headers: { 'X-Muster-Token': SECRETS.PASSWORD } });
    const malformed = await deliver(ports['alert-source'], { body: { ...fixture('triggered'), title: {} }, headers: custom });
    expect(malformed.payloadError?.reason).to.equal('title must be a string');
    assertNoSecretIn({ logs, refused: refused.verification, malformed: malformed.payloadError }, SECRETS);
  });
});
