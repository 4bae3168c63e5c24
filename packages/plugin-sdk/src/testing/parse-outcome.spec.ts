import { expect } from 'chai';
import type { AlertSignal, AlertSource } from '../capabilities/alert-source';
import { PayloadError } from '../errors';
import { parseOrPayloadError, payloadErrorOf } from './parse-outcome';
import { TEST_SEVERITIES } from './plugin-test-host';

const source = (parse: () => readonly AlertSignal[]): Pick<AlertSource, 'parse'> => ({ parse });
const signal: AlertSignal = { status: 'firing', groupKey: 'g', deliveryId: 'd', title: 't' };

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('parseOrPayloadError and payloadErrorOf', () => {
  it('hand back the signals, or the PayloadError parse threw', () => {
    expect(parseOrPayloadError(source(() => [signal]), { body: {} })).to.deep.equal([signal]);
    const refused = parseOrPayloadError(source(() => { throw new PayloadError('alerts must be a list'); }), { body: {} });
    expect(refused).to.be.instanceOf(PayloadError);
    expect(payloadErrorOf(source(() => { throw new PayloadError('status is missing'); }), { body: {} }).reason).to.equal('status is missing');
  });

  it('fail the test for anything else parse throws, naming it', () => {
    const crash = source(() => { throw new TypeError('cannot read properties of undefined'); });
    expect(failure(() => parseOrPayloadError(crash, { body: {} }))).to.match(/^parse threw TypeError instead of PayloadError: the host would answer 500/);
    expect(failure(() => payloadErrorOf(crash, { body: {} }))).to.match(/instead of PayloadError/);
  });

  it('fail for a PayloadError without a usable reason: empty, or longer than a 400 answer should carry', () => {
    expect(failure(() => parseOrPayloadError(source(() => { throw new PayloadError(''); }), { body: {} }))).to.match(/reason must be 1 to 300 characters/);
    expect(failure(() => parseOrPayloadError(source(() => { throw new PayloadError('r'.repeat(301)); }), { body: {} }))).to.match(/reason must be 1 to 300 characters \(it has 301\)/);
  });

  it('check the signals when given the installation, and payloadErrorOf fails when parse accepts', () => {
    expect(failure(() => parseOrPayloadError(source(() => [{ ...signal, severity: 'P1' }]), { body: {} }, { severities: TEST_SEVERITIES }))).to.match(/"P1" is not a severity/);
    expect(failure(() => payloadErrorOf(source(() => [signal]), { body: {} }))).to.equal('parse accepted the payload (1 signal) instead of throwing a PayloadError');
  });
});
