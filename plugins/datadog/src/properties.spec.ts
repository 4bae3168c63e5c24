import { expect } from 'chai';
import fc from 'fast-check';
import { PayloadError } from '@muster/plugin-sdk';
import { activateForTest, assertWellFormedSignals, deliver, parseOrPayloadError, TEST_SEVERITIES, webhookRequest } from '@muster/plugin-sdk/testing';
import { hostileText, mutationsOf } from '@muster/plugin-sdk/testing/properties';
import datadog from './index';
import { fixtures } from './fixtures';

const INSTALLATION = { severities: TEST_SEVERITIES };
const RUNS = { numRuns: 2500 };
const FIELDS = ['id', 'alert_id', 'aggreg_key', 'alert_cycle_key', 'alert_transition', 'alert_priority', 'alert_title', 'alert_status', 'alert_scope', 'title', 'body', 'link', 'tags', 'hostname', 'date', 'last_updated', 'event_type'];

// Text a sender could put anywhere, and the shapes Datadog's own text takes (brackets, tags, ids).
const datadogText = fc.oneof(
  hostileText,
  fc.constantFrom('', ' ', '$ALERT_ID', '__proto__', 'javascript:alert(1)', '[Triggered on {host:a}]', '[P1] [Recovered] x', '[TEST]', '[', ']]]', '%%%', 'x'.repeat(3000), '9'.repeat(17)),
  fc.array(fc.constantFrom('[Triggered', ' on {', 'host:', '}', ']', '[P', '3', 'Recovered', 'No Data', ',', ':'), { maxLength: 12 }).map((parts) => parts.join('')),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), datadogText, fc.double(), fc.constant(undefined));

async function port() {
  const { ports } = await activateForTest(datadog, { config: { severity: { map: { P1: 'SEV1', P2: 'SEV7' } } } });
  return ports['alert-source'];
}

function expectOnlyWellFormed(result: ReturnType<typeof parseOrPayloadError>): void {
  if (!(result instanceof PayloadError)) {
    expect(result.length).to.be.at.most(1);
    assertWellFormedSignals(result, INSTALLATION);
  }
}

describe('datadog: properties', () => {
  it('arbitrary JSON never makes parse throw anything but a PayloadError', async () => {
    const source = await port();
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (body) => {
      expectOnlyWellFormed(parseOrPayloadError(source, { body }));
    }), RUNS);
  });

  it('the documented bodies mutated anywhere, delivered as the host does, give a PayloadError or only well-formed signals', async () => {
    const { ports } = await activateForTest(datadog, { secrets: { TOKEN: 'the-token' }, config: { severity: { map: { P1: 'SEV1', P2: 'SEV7' } } } });
    for (const document of Object.values(fixtures)) {
      await fc.assert(fc.asyncProperty(mutationsOf(document, anyValue), async (body) => {
        // deliver() fails on anything thrown but a PayloadError and on a signal breaking the SDK's contract (assertWellFormedSignals).
        const delivery = await deliver(ports['alert-source'], { body, headers: { 'X-Muster-Token': 'the-token' } }, { severities: TEST_SEVERITIES });
        expect(delivery.verification.ok).to.equal(true);
      }), { numRuns: 2000 });
    }
  });

  it('any text in any template field gives a PayloadError-free answer of well-formed signals, stable on redelivery', async () => {
    const source = await port();
    const body = fc.record(Object.fromEntries(FIELDS.map((field) => [field, datadogText])), { requiredKeys: [] });
    fc.assert(fc.property(body, (fields) => {
      const first = parseOrPayloadError(source, { body: fields });
      expectOnlyWellFormed(first);
      if (!(first instanceof PayloadError)) {
        const again = source.parse(webhookRequest({ body: fields }));
        expect(again.map((signal) => [signal.groupKey, signal.deliveryId])).to.deep.equal(first.map((signal) => [signal.groupKey, signal.deliveryId]));
      }
    }), RUNS);
  });

  it('any bytes, as JSON or as a form, give a PayloadError or well-formed signals', async () => {
    const source = await port();
    const contentType = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain');
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), datadogText.map((text) => Buffer.from(text))), contentType, (rawBody, type) => {
      expectOnlyWellFormed(parseOrPayloadError(source, { rawBody, headers: { 'Content-Type': type } }));
    }), RUNS);
  });

  it('verify never throws and accepts only the configured credentials, whatever the headers', async () => {
    const { ports } = await activateForTest(datadog, { secrets: { TOKEN: 'the-token', USERNAME: 'u', PASSWORD: 'p' } });
    const header = fc.oneof(datadogText, datadogText.map((text) => `Bearer ${text}`), fc.base64String().map((text) => `Basic ${text}`), fc.constant('the-token'));
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('authorization', 'x-muster-token', 'dd-api-key'), header), (headers) => {
      const result = ports['alert-source'].verify(webhookRequest({ headers }));
      const custom = headers['x-muster-token'];
      const auth = headers.authorization?.trim();
      const genuine = custom !== undefined ? custom.trim() === 'the-token' : auth === 'Bearer the-token' || auth === `Basic ${Buffer.from('u:p').toString('base64')}`;
      expect(result).to.have.property('ok', genuine);
    }), RUNS);
  });
});
