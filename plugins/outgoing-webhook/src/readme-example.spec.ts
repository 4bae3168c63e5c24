import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPluginHttp } from '@muster/plugin-sdk';
import { activateForTest, fakeIncident } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import { FakeReceiver } from './fake';
import outgoingWebhook from './index';

const SECRET = 'readme-secret-0f1e2d3c4b5a69788796';
type Verified = (secret: string, headers: Record<string, unknown>, rawBody: string | Buffer) => boolean;

/** The README's plain-Node verification, run as written, so the documentation cannot drift from the signing. */
function readmeVerifier(): Verified {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const code = /Without the package, the same in plain Node:\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!code) throw new Error('README.md has no plain-Node verification example');
  return new Function('require', `${code}\nreturn verified;`)(require) as Verified;
}

describe('outgoing-webhook README: the plain-Node receiver example', () => {
  let receiver: FakeReceiver;
  beforeEach(async () => { receiver = await FakeReceiver.start(SECRET); });
  afterEach(() => receiver.stop());

  it('verifies a real delivery and refuses a tampered body or another secret', async () => {
    const http = createPluginHttp({ allowedHosts: [receiver.host] });
    const plugin = await activateForTest(outgoingWebhook, { config: { urls: [receiver.url('/r')] }, secrets: { SIGNING_SECRET: SECRET }, http });
    await plugin.ports.notifier.notify({ type: 'incident.resolved', id: 'evt-9', occurredAt: new Date().toISOString(), incident: fakeIncident(), detail: {} }, { idempotencyKey: 'k' });
    const [delivery] = receiver.deliveries;
    const verified = readmeVerifier();
    expect(verified(SECRET, delivery!.headers, delivery!.rawBody)).to.equal(true);
    expect(verified(SECRET, delivery!.headers, Buffer.from(delivery!.rawBody))).to.equal(true);
    expect(verified(SECRET, delivery!.headers, delivery!.rawBody.replace('resolved', 'declared'))).to.equal(false);
    expect(verified('another-secret', delivery!.headers, delivery!.rawBody)).to.equal(false);
    expect(verified(SECRET, { ...delivery!.headers, 'x-muster-request-timestamp': '1000000000' }, delivery!.rawBody)).to.equal(false);
  });
});
