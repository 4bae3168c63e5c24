import { PayloadError } from '@muster/plugin-sdk';
import { activateForTest, assertWellFormedSignals, parseOrPayloadError, TEST_SEVERITIES, webhookRequest } from '@muster/plugin-sdk/testing';
import { assertParsesAnyBytes, assertParsesAnyJson, assertParsesMutations, headersWith, hostileText } from '@muster/plugin-sdk/testing/properties';
import { expect } from 'chai';
import fc from 'fast-check';
import { critical, firing } from './fixtures';
import wazuh from './index';

const RUNS = 3000;
const TOKEN = 'wazuh-api-key-7f3c1e';
const INSTALLATION = { severities: TEST_SEVERITIES };

describe('wazuh alert source: properties', () => {
  // minimumLevel 0 and several group fields: as much of the parser as possible runs on every case.
  const activated = activateForTest(wazuh, { config: { minimumLevel: 0, groupBy: ['rule.id', 'agent.name', 'data.srcip', 'location'], serviceFrom: 'agent.name' }, secrets: { TOKEN } });
  const source = async () => (await activated).ports['alert-source'];

  it('never throws anything but PayloadError for arbitrary JSON, and what it returns is well-formed', async () => {
    assertParsesAnyJson(await source(), { ctx: INSTALLATION, numRuns: RUNS });
  });

  it('reads alert-shaped payloads with any values into well-formed signals or a PayloadError', async () => {
    const src = await source();
    const value = fc.oneof(hostileText, fc.integer(), fc.jsonValue({ maxDepth: 1 }));
    const alertLike = fc.record({
      id: value, timestamp: fc.oneof(value, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
      rule: fc.record({ id: value, level: fc.oneof(fc.integer({ min: -2, max: 20 }), value), description: value, groups: fc.array(value), mitre: fc.record({ id: fc.array(value), tactic: fc.array(value), technique: fc.array(value) }) }, { requiredKeys: [] }),
      agent: fc.record({ id: value, name: value, ip: value }, { requiredKeys: [] }),
      manager: fc.record({ name: value }), full_log: value, location: value, data: fc.dictionary(hostileText, value, { maxKeys: 60 }),
    }, { requiredKeys: ['id', 'rule'] });
    fc.assert(fc.property(alertLike, (body) => {
      const result = parseOrPayloadError(src, webhookRequest({ body }));
      if (!(result instanceof PayloadError)) assertWellFormedSignals(result, INSTALLATION);
    }), { numRuns: RUNS });
  });

  it('never throws anything but PayloadError for arbitrary bytes', async () => {
    assertParsesAnyBytes(await source(), { ctx: INSTALLATION, numRuns: RUNS });
  });

  it('reads mutated documented alerts into well-formed signals or a PayloadError, the same way every time', async () => {
    const declared = assertParsesMutations(await source(), [firing, critical], { ctx: INSTALLATION, numRuns: RUNS });
    // Most mutations leave a readable alert: the checks ran on real signals, not only on refusals.
    expect(declared).to.be.greaterThan(RUNS / 3);
  });

  it('verify never throws, and accepts only the exact bearer token', async () => {
    const src = await source();
    fc.assert(fc.asyncProperty(headersWith(['authorization', 'x-muster-token']), async (headers) => {
      const result = await src.verify(webhookRequest({ body: firing, headers }));
      const exact = /^\s*bearer\s+(.*?)\s*$/i.exec(headers.authorization ?? '')?.[1] === TOKEN;
      expect(result.ok).to.equal(exact);
    }), { numRuns: RUNS });
  });
});
