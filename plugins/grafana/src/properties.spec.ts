import { expect } from 'chai';
import fc from 'fast-check';
import { activateForTest, TEST_SEVERITIES } from '@muster/plugin-sdk/testing';
import { assertParsesAnyBytes, assertParsesAnyJson, assertParsesMutations } from '@muster/plugin-sdk/testing/properties';
import grafana from './index';
import { fixtures } from './fixtures';

const INSTALLATION = { severities: TEST_SEVERITIES };

// How the SDK reads hostile labels and annotations, and checks credentials, is its own property spec.
describe('grafana: properties', () => {
  it('answers any JSON, any bytes and the documented payloads changed anywhere with a PayloadError or well-formed signals, the same on every delivery', async () => {
    // A map naming a level the installation lacks: that path runs on every case too.
    const source = (await activateForTest(grafana, { config: { severity: { map: { critical: 'SEV1', warning: 'SEV9' } } } })).ports['alert-source'];
    assertParsesAnyJson(source, { ctx: INSTALLATION, numRuns: 2500, json: fc.jsonValue({ maxDepth: 5 }) });
    assertParsesAnyBytes(source, { ctx: INSTALLATION, numRuns: 2500 });
    expect(assertParsesMutations(source, Object.values(fixtures), { ctx: INSTALLATION, numRuns: 5000 })).to.be.greaterThan(500);
  });
});
