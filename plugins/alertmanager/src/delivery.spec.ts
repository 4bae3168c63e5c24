import { expect } from 'chai';
import { activateForTest, assertNoSecretIn, deliver, TEST_SEVERITIES } from '@muster/plugin-sdk/testing';
import alertmanager from './index';
import { fixture } from './fixtures';

const SECRETS = { TOKEN: 'am-delivery-token-0d7f', USERNAME: 'am-user-4411', PASSWORD: 'am-delivery-pw-51c2' };
const bearer = { Authorization: `Bearer ${SECRETS.TOKEN}` };

/** Verify, then parse, as the host does: what a webhook to /webhooks/alertmanager would store. */
describe('alertmanager: delivery through the test host', () => {
  it('a firing then a resolved webhook with the token: one group, declared then resolved', async () => {
    const { ports } = await activateForTest(alertmanager, { secrets: SECRETS });
    const firing = await deliver(ports['alert-source'], { body: fixture('firing'), headers: bearer }, { severities: TEST_SEVERITIES });
    const resolved = await deliver(ports['alert-source'], { body: fixture('resolved'), headers: bearer }, { severities: TEST_SEVERITIES });
    expect(firing.signals.map((s) => [s.status, s.severity])).to.deep.equal([['firing', 'SEV1']]);
    expect(resolved.signals.map((s) => s.status)).to.deep.equal(['resolved']);
    expect(resolved.signals[0]!.groupKey).to.equal(firing.signals[0]!.groupKey);
  });

  it('a wrong or missing credential is refused before anything is parsed', async () => {
    const { ports } = await activateForTest(alertmanager, { secrets: SECRETS });
    for (const headers of [{}, { Authorization: 'Bearer am-delivery-token-0d7e' }, { Authorization: `Basic ${Buffer.from(`am-user-4411:${SECRETS.TOKEN}`).toString('base64')}` }]) {
      const delivery = await deliver(ports['alert-source'], { body: fixture('firing'), headers });
      expect(delivery.verification.ok).to.equal(false);
      expect(delivery.signals).to.deep.equal([]);
      expect(delivery.payloadError).to.equal(undefined);
    }
  });

  it('a malformed body with the right token is a PayloadError (400), and nothing anywhere carries a secret', async () => {
    const { ports, logs } = await activateForTest(alertmanager, { secrets: SECRETS, config: { severity: { map: { critical: 'SEV0' } } } });
    const refused = await deliver(ports['alert-source'], { body: fixture('firing'), headers: { Authorization: `Bearer ${SECRETS.PASSWORD}` } });
    const malformed = await deliver(ports['alert-source'], { body: { ...fixture('firing'), alerts: 'none' }, headers: bearer });
    expect(malformed.payloadError?.reason).to.equal('alerts must be a list');
    assertNoSecretIn({ logs, refused: refused.verification, malformed: malformed.payloadError }, SECRETS);
  });
});
