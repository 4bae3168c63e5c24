import { expect } from 'chai';
import type { AlertSignal } from '../capabilities/alert-source';
import { TEST_SEVERITIES } from './plugin-test-host';
import { assertWellFormedSignals } from './well-formed-signals';

const GOOD: AlertSignal = {
  status: 'firing', groupKey: 'check:c42', deliveryId: 'evt-1', title: 'Checkout API is down 🚨', summary: 'Line one\n\nLine two',
  severity: 'SEV2', services: ['checkout'], url: 'https://uptime.example/c42', startedAt: '2026-05-14T09:12:31.418Z',
  labels: JSON.parse('{"team": "sre", "__proto__": "x"}') as Record<string, string>, alerts: [{ id: 'a1', status: 'resolved', title: 'Probe', url: 'http://probe.local/' }],
};
const ctx = { severities: TEST_SEVERITIES };

/** The message assertWellFormedSignals fails with for `change` applied to a good signal. */
function failureFor(change: Record<string, unknown>): string {
  try {
    assertWellFormedSignals([GOOD, { ...GOOD, ...change } as AlertSignal], ctx);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(change)}`);
}

describe('assertWellFormedSignals', () => {
  it('accepts signals the host stores as they are, and no signals at all', () => {
    assertWellFormedSignals([GOOD, { status: 'resolved', groupKey: 'g', deliveryId: 'd', title: 't' }], ctx);
    assertWellFormedSignals([], ctx);
    assertWellFormedSignals([{ ...GOOD, severity: 'P1' }]);
  });

  it('names the signal and the field a key breaks, and what is wrong with it', () => {
    expect(failureFor({ groupKey: ' ' })).to.equal('signals[1] breaks the AlertSignal contract: groupKey must not be empty or blank');
    expect(failureFor({ groupKey: 'k'.repeat(201) })).to.equal('signals[1] breaks the AlertSignal contract: groupKey must be at most 200 characters (it has 201)');
    expect(failureFor({ deliveryId: 'd ' })).to.match(/deliveryId must not start or end with whitespace$/);
    expect(failureFor({ deliveryId: 'd\ud800' })).to.match(/deliveryId must not hold a lone surrogate$/);
    expect(failureFor({ deliveryId: 7 })).to.match(/deliveryId must be a string$/);
    expect(failureFor({ status: 'pending' })).to.match(/status must be "firing" or "resolved"$/);
  });

  it('holds titles to one line of plain text and summaries to 2000 characters', () => {
    for (const title of ['a\nb', 'a\u2028b', 'a\u202Eb', 'a\u0007b', 't'.repeat(201), '']) expect(failureFor({ title }), JSON.stringify(title)).to.match(/: title must/);
    expect(failureFor({ summary: 's'.repeat(2001) })).to.match(/: summary must be at most 2000/);
    expect(failureFor({ summary: '' })).to.match(/: summary must not be empty/);
    expect(failureFor({ alerts: [{ id: 'a', status: 'firing', title: 'x\ny' }] })).to.match(/: alerts\[0\]\.title must be one line/);
  });

  it('wants links to be http(s) without credentials, at most 2000 characters', () => {
    for (const url of ['javascript:alert(1)', 'https://user:pw@example.org/', 'not a url', `https://example.org/${'a'.repeat(2000)}`]) expect(failureFor({ url }), url).to.match(/: url must be an http\(s\) link/);
    expect(failureFor({ alerts: [{ id: 'a', status: 'firing', url: 'file:///etc/passwd' }] })).to.match(/: alerts\[0\]\.url must be an http\(s\) link/);
  });

  it('bounds services and labels, and wants a plain label object', () => {
    expect(failureFor({ services: ['s'.repeat(101)] })).to.match(/: services\[0\] must be at most 100/);
    expect(failureFor({ services: 'checkout' })).to.match(/: services must be a list/);
    expect(failureFor({ labels: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) })).to.match(/: labels must hold at most 50 labels/);
    expect(failureFor({ labels: { team: 'v'.repeat(501) } })).to.match(/: labels\["team"\] must be at most 500/);
    expect(failureFor({ labels: { ' team': 'sre' } })).to.match(/: labels \(the name " team"\) must not start or end/);
    expect(failureFor({ labels: Object.assign(Object.create(null), { team: 'sre' }) })).to.match(/: labels must be a plain object/);
    expect(failureFor({ alerts: [{ id: '', status: 'firing' }] })).to.match(/: alerts\[0\]\.id must not be empty/);
  });

  it('wants startedAt as Date.toISOString writes it, and a severity of the installation', () => {
    for (const startedAt of ['2026-05-14T09:12:31+02:00', 'yesterday', '2026-05-14']) expect(failureFor({ startedAt }), startedAt).to.match(/: startedAt must be an ISO 8601 instant in UTC/);
    expect(failureFor({ severity: 'P1' })).to.equal('signals[1].severity "P1" is not a severity of the installation (SEV1, SEV2, SEV3)');
  });

  it('refuses what is not a list of signal objects', () => {
    expect(() => assertWellFormedSignals({} as never)).to.throw('parse must return an array of signals');
    expect(() => assertWellFormedSignals([null] as never)).to.throw('signals[0] breaks the AlertSignal contract: it is not an object');
  });
});
