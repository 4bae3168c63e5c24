import { activateForTest, assertWellFormedSignals, parseOrPayloadError, TEST_SEVERITIES, webhookRequest } from '@muster/plugin-sdk/testing';
import { assertParsesAnyBytes, assertParsesAnyJson, assertParsesMutations, headersWith, hostileText } from '@muster/plugin-sdk/testing/properties';
import { PayloadError } from '@muster/plugin-sdk';
import { expect } from 'chai';
import fc from 'fast-check';
import { close, create, updatePriority } from './fixtures';
import opsgenie from './index';

const RUNS = 3000;
const SECRETS = { TOKEN: 'og-hook-token-93jd7Q', USERNAME: 'opsgenie', PASSWORD: 'og-basic-pw-1x8Lm' };
const INSTALLATION = { severities: TEST_SEVERITIES };

describe('opsgenie alert source: properties', () => {
  const activated = activateForTest(opsgenie, { secrets: SECRETS });
  const source = async () => (await activated).ports['alert-source'];

  it('never throws anything but PayloadError for arbitrary JSON, and what it returns is well-formed', async () => {
    assertParsesAnyJson(await source(), { ctx: INSTALLATION, numRuns: RUNS });
  });

  it('reads alert-shaped posts with any values into well-formed signals or a PayloadError', async () => {
    const src = await source();
    const value = fc.oneof(hostileText, fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 1 }));
    const alert = fc.record({
      alertId: value, message: value, alias: value, tinyId: value, entity: value, username: value, source: value, description: value,
      priority: fc.oneof(fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5'), value), tags: fc.array(fc.oneof(hostileText.map((t) => `service:${t}`), value)),
      teams: fc.array(value), createdAt: fc.oneof(fc.integer({ min: -1e16, max: 1e16 }), value), updatedAt: value, details: fc.dictionary(hostileText, value, { maxKeys: 60 }),
    }, { requiredKeys: ['alertId'] });
    const post = fc.record({
      action: fc.oneof(fc.constantFrom('Create', 'Close', 'UpdatePriority', 'Acknowledge', 'AddNote'), value),
      alert, source: fc.record({ name: value, type: value }), integrationName: value,
    }, { requiredKeys: ['action', 'alert'] });
    fc.assert(fc.property(post, (body) => {
      const result = parseOrPayloadError(src, webhookRequest({ body }));
      if (!(result instanceof PayloadError)) assertWellFormedSignals(result, INSTALLATION);
    }), { numRuns: RUNS });
  });

  it('never throws anything but PayloadError for arbitrary bytes', async () => {
    assertParsesAnyBytes(await source(), { ctx: INSTALLATION, numRuns: RUNS });
  });

  it('reads mutated documented posts into well-formed signals or a PayloadError, the same way every time', async () => {
    const read = assertParsesMutations(await source(), [create, close, updatePriority], { ctx: INSTALLATION, numRuns: RUNS });
    expect(read).to.be.greaterThan(RUNS / 3);
  });

  it('verify never throws on any headers, and accepts only the exact token or credentials', async () => {
    const src = await source();
    const basic = `Basic ${Buffer.from(`${SECRETS.USERNAME}:${SECRETS.PASSWORD}`).toString('base64')}`;
    const authorization = fc.oneof(hostileText, fc.constantFrom(`Bearer ${SECRETS.TOKEN}`, basic, `Bearer ${SECRETS.PASSWORD}`, `Basic ${SECRETS.TOKEN}`));
    const headers = fc.record({ authorization, 'x-muster-token': fc.oneof(hostileText, fc.constant(SECRETS.TOKEN)) }, { requiredKeys: [] });
    fc.assert(fc.asyncProperty(fc.oneof(headers, headersWith(['authorization', 'x-muster-token'])), async (given) => {
      const result = await src.verify(webhookRequest({ body: create, headers: given }));
      const auth = given.authorization?.trim();
      const expected = auth ? auth === `Bearer ${SECRETS.TOKEN}` || auth === basic : given['x-muster-token']?.trim() === SECRETS.TOKEN;
      expect(result.ok, JSON.stringify(given)).to.equal(expected);
    }), { numRuns: RUNS });
  });
});
