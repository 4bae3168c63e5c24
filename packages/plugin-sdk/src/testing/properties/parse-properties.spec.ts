import { expect } from 'chai';
import fc from 'fast-check';
import type { AlertSignal, AlertSource, WebhookRequest } from '../../capabilities/alert-source';
import { PayloadError } from '../../errors';
import { readPayload } from '../../webhooks/read-payload';
import { z } from 'zod';
import { TEST_SEVERITIES } from '../plugin-test-host';
import { assertParsesAnyBytes, assertParsesAnyJson, assertParsesMutations } from './parse-properties';

const ctx = { severities: TEST_SEVERITIES };
const Check = z.object({ id: z.string().regex(/^[a-z0-9]{1,20}$/), name: z.string().max(100) });
const documented = { id: 'c42', name: 'Checkout' };

/** A sound source, and one broken in `way` for the inputs the properties reach. */
function source(way?: 'crash' | 'untrimmed' | 'unstable'): Pick<AlertSource, 'parse'> {
  let calls = 0;
  return {
    parse(request: WebhookRequest): readonly AlertSignal[] {
      // Unstable whatever the body, so the very first case shows it.
      if (way === 'unstable') return [{ status: 'firing', groupKey: 'check', deliveryId: `d${(calls += 1)}`, title: 'Check down' }];
      const check = readPayload(request, Check);
      if (way === 'crash' && check.name === '') throw new TypeError('cannot read properties of undefined');
      return [{ status: 'firing', groupKey: `check:${check.id}`, deliveryId: `d:${check.id}`, title: way === 'untrimmed' ? `${check.name} ` : 'Check down' }];
    },
  };
}

/** What a failed property says: fast-check's summary, and the check that failed (its cause). */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return `${(error as Error).message}\n${((error as Error).cause as Error | undefined)?.message}`;
  }
  throw new Error('the property held');
}

describe('the parse properties', () => {
  it('hold for a source that answers every input with a PayloadError or well-formed signals', () => {
    assertParsesAnyJson(source(), { ctx, numRuns: 300 });
    assertParsesAnyBytes(source(), { ctx, numRuns: 300 });
    expect(assertParsesMutations(source(), [documented], { ctx, numRuns: 300 })).to.be.greaterThan(0);
  });

  it('fail for a source that throws anything else, or returns a signal the host would refuse', () => {
    expect(failure(() => assertParsesMutations(source('crash'), [documented], { ctx, numRuns: 300, values: fc.constant('') }))).to.match(/instead of PayloadError/);
    expect(failure(() => assertParsesMutations(source('untrimmed'), [documented], { ctx, numRuns: 300 }))).to.match(/breaks the AlertSignal contract: title must/);
  });

  it('fail for a source that reads a redelivered body differently', () => {
    expect(failure(() => assertParsesMutations(source('unstable'), [documented], { ctx, numRuns: 50 }))).to.match(/the same body delivered again was read differently/);
  });

  it('send a body the way `requests` says, and bytes as given', () => {
    const seen: string[] = [];
    const spy: Pick<AlertSource, 'parse'> = { parse: (request) => { seen.push(request.headers['x-webhook-id'] ?? ''); throw new PayloadError('no'); } };
    assertParsesAnyJson(spy, { ctx, numRuns: 20, requests: (body) => fc.constant({ body, headers: { 'X-Webhook-Id': 'wh-1' } }) });
    expect(new Set(seen)).to.deep.equal(new Set(['wh-1']));
    assertParsesAnyBytes(spy, { ctx, numRuns: 5, bytes: fc.constant(Buffer.from('not json')) });
  });
});
