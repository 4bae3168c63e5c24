import { expect } from 'chai';
import fc from 'fast-check';
import { PayloadError } from '@muster/plugin-sdk';
import { activateForTest, deliver, TEST_SEVERITIES, webhookRequest } from '@muster/plugin-sdk/testing';
import grafana from './index';
import { fixtures } from './fixtures';
import { expectWellFormed, mutated, parseOrPayloadError, pathsOf } from './signal-checks.spec-helper';

const SEVERITY_IDS = ['SEV1', 'SEV2', 'SEV3'];
const RUNS = { numRuns: 2500 };

// Text a sender could put anywhere: any code point (lone surrogates, controls, bidi), or a lot of it.
const hostileText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('', ' ', '__proto__', 'constructor', 'javascript:alert(1)', 'x'.repeat(3000)));
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText, fc.constant(undefined));

async function parsePort() {
  const { ports } = await activateForTest(grafana, { config: { severity: { map: { critical: 'SEV1', warning: 'SEV9' } } } });
  return ports['alert-source'];
}

describe('grafana: properties', () => {
  it('arbitrary JSON never makes parse throw anything but a PayloadError', async () => {
    const port = await parsePort();
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (body) => {
      const result = parseOrPayloadError(() => port.parse(webhookRequest({ body })));
      if (!(result instanceof PayloadError)) for (const signal of result) expectWellFormed(signal, SEVERITY_IDS);
    }), RUNS);
  });

  it('documented payloads mutated anywhere, delivered as the host does, give a PayloadError or only well-formed signals', async () => {
    const { ports } = await activateForTest(grafana, { secrets: { TOKEN: 'the-token' }, config: { severity: { map: { critical: 'SEV1', warning: 'SEV9' } } } });
    for (const document of Object.values(fixtures)) {
      await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...pathsOf(document)), anyValue), { minLength: 1, maxLength: 4 }), async (changes) => {
        const body = changes.reduce<unknown>((doc, [path, value]) => mutated(doc, path, value), document);
        // deliver() fails on anything thrown but a PayloadError and on a signal breaking the SDK's contract.
        const delivery = await deliver(ports['alert-source'], { body, headers: { Authorization: 'Bearer the-token' } }, { severities: TEST_SEVERITIES });
        expect(delivery.verification.ok).to.equal(true);
        for (const signal of delivery.signals) expectWellFormed(signal, SEVERITY_IDS);
      }), RUNS);
    }
  });

  it('hostile label and annotation text still gives one well-formed signal, identical on redelivery', async () => {
    const port = await parsePort();
    const labels = fc.dictionary(hostileText, hostileText, { maxKeys: 8 });
    fc.assert(fc.property(labels, labels, hostileText, (alertLabels, annotations, groupKey) => {
      const body = structuredClone(fixtures.firing) as Record<string, unknown> & typeof fixtures.firing;
      body.groupKey = `g${groupKey}`;
      body.commonAnnotations = annotations as never;
      body.alerts[0]!.labels = alertLabels as never;
      body.alerts[0]!.annotations = annotations as never;
      const first = port.parse(webhookRequest({ body }));
      const again = port.parse(webhookRequest({ body }));
      expect(first).to.have.length(1);
      expectWellFormed(first[0]!, SEVERITY_IDS);
      expect(again[0]!.deliveryId).to.equal(first[0]!.deliveryId);
      expect(again[0]!.groupKey).to.equal(first[0]!.groupKey);
    }), RUNS);
  });

  it('raw bytes that are not JSON give a PayloadError', async () => {
    const port = await parsePort();
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      parseOrPayloadError(() => port.parse(webhookRequest({ rawBody: Buffer.from(bytes) })));
    }), RUNS);
  });

  it('verify never throws and accepts nothing but the configured credentials, whatever the headers', async () => {
    const { ports } = await activateForTest(grafana, { secrets: { TOKEN: 'the-token', USERNAME: 'u', PASSWORD: 'p' } });
    const header = fc.oneof(hostileText, hostileText.map((text) => `Bearer ${text}`), hostileText.map((text) => `Basic ${Buffer.from(text).toString('base64')}`), fc.base64String().map((text) => `Basic ${text}`));
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('authorization', 'x-muster-token', 'cookie', 'x-forwarded-for'), header), (headers) => {
      const result = ports['alert-source'].verify(webhookRequest({ headers }));
      const auth = headers.authorization?.trim();
      const genuine = auth === 'Bearer the-token' || auth === `Basic ${Buffer.from('u:p').toString('base64')}`;
      expect(result).to.have.property('ok', genuine);
    }), RUNS);
  });
});
