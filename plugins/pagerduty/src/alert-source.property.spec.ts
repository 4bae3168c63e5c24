import { activateForTest, assertWellFormedSignals, parseOrPayloadError, TEST_SEVERITIES, webhookRequest } from '@muster/plugin-sdk/testing';
import { assertParsesAnyBytes, assertParsesAnyJson, assertParsesMutations, headersWith, hostileText } from '@muster/plugin-sdk/testing/properties';
import { PayloadError } from '@muster/plugin-sdk';
import { expect } from 'chai';
import fc from 'fast-check';
import { pagerDutyHeaders, priorityUpdated, resolved, triggered } from './fixtures';
import pagerduty from './index';

const RUNS = 3000;
const SECRET = 'pd-whsec-Hk2v9QxT4mZ';
const INSTALLATION = { severities: TEST_SEVERITIES };

describe('pagerduty alert source: properties', () => {
  const activated = activateForTest(pagerduty, { secrets: { WEBHOOK_SECRET: SECRET } });
  const source = async () => (await activated).ports['alert-source'];
  const webhookId = fc.option(hostileText, { nil: undefined });
  const request = (body: unknown, id: string | undefined) => webhookRequest({ body, headers: id === undefined ? {} : { 'X-Webhook-Id': id } });
  const withWebhookId = (body: unknown) => webhookId.map((id) => request(body, id));

  it('never throws anything but PayloadError for arbitrary JSON, and what it returns is well-formed', async () => {
    assertParsesAnyJson(await source(), { ctx: INSTALLATION, numRuns: RUNS, requests: withWebhookId });
  });

  it('reads incident-shaped webhooks with any values into well-formed signals or a PayloadError', async () => {
    const src = await source();
    const value = fc.oneof(hostileText, fc.integer(), fc.jsonValue({ maxDepth: 1 }));
    const reference = fc.oneof(fc.constant(null), fc.record({ id: value, summary: value, html_url: value }, { requiredKeys: [] }));
    const incident = fc.record({
      id: value, number: fc.oneof(fc.nat(), value), title: value, status: value, html_url: value, incident_key: value,
      created_at: fc.oneof(value, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), urgency: fc.oneof(fc.constantFrom('high', 'low'), value),
      service: reference, escalation_policy: reference, priority: reference, teams: fc.array(reference),
    }, { requiredKeys: ['id'] });
    const envelope = fc.record({
      id: value, event_type: fc.oneof(fc.constantFrom('incident.triggered', 'incident.resolved', 'incident.reopened', 'incident.priority_updated', 'incident.acknowledged', 'pagey.ping'), value),
      occurred_at: value, agent: reference, data: incident,
    }, { requiredKeys: ['event_type', 'data'] }).map((event) => ({ event }));
    fc.assert(fc.property(envelope, webhookId, (body, id) => {
      const result = parseOrPayloadError(src, request(body, id));
      if (!(result instanceof PayloadError)) assertWellFormedSignals(result, INSTALLATION);
    }), { numRuns: RUNS });
  });

  it('never throws anything but PayloadError for arbitrary bytes', async () => {
    assertParsesAnyBytes(await source(), { ctx: INSTALLATION, numRuns: RUNS });
  });

  it('reads mutated documented webhooks into well-formed signals or a PayloadError, the same way every time', async () => {
    const read = assertParsesMutations(await source(), [triggered, resolved, priorityUpdated], { ctx: INSTALLATION, numRuns: RUNS, requests: withWebhookId });
    expect(read).to.be.greaterThan(RUNS / 3);
  });

  it('verify never throws on any headers, and accepts only a body signed with the secret', async () => {
    const src = await source();
    fc.assert(fc.asyncProperty(headersWith(['x-pagerduty-signature', 'authorization', 'x-webhook-id']), async (headers) => {
      expect((await src.verify(webhookRequest({ body: triggered, headers }))).ok).to.equal(false);
    }), { numRuns: RUNS });
  });

  it('verify accepts any body signed with the secret among other signatures, and no body signed only with others', async () => {
    const src = await source();
    fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }), fc.boolean(), async (bytes, others, signed) => {
      fc.pre(!others.includes(SECRET));
      const rawBody = Buffer.from(bytes);
      const secrets = signed ? [...others, SECRET] : others;
      const headers = secrets.length ? pagerDutyHeaders(rawBody, secrets, 'wh') : {};
      expect((await src.verify(webhookRequest({ rawBody, headers }))).ok).to.equal(signed);
    }), { numRuns: RUNS });
  });
});
