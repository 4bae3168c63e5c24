import { expect } from 'chai';
import fc from 'fast-check';
import type { Verification } from '../capabilities/alert-source';
import { hostileText } from '../testing/properties/hostile-text';
import { webhookRequest } from '../testing/webhook-request';
import { verifyTokenOrBasic } from './verify-token-or-basic';

const TOKEN = 'am-token-9c1e55d0';
const USER = 'alertmanager';
const PASSWORD = 'pw-3b8e1f';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function verifier(secrets: Record<string, string>, tokenHeader?: string) {
  const get = (name: string) => secrets[name];
  return (headers: Record<string, string | undefined> = {}): Verification => verifyTokenOrBasic(webhookRequest({ headers }), { get }, 'my-source', { tokenHeader });
}
const auth = (authorization?: string) => ({ Authorization: authorization });

/** A refusal, whose reason names neither the expected secret nor what was presented. */
function expectRefused(result: Verification, ...secrets: string[]): void {
  expect(result.ok).to.equal(false);
  const reason = result.ok ? '' : result.reason;
  expect(reason).to.have.length.greaterThan(0);
  for (const secret of secrets) expect(reason).not.to.include(secret);
}

describe('verifyTokenOrBasic', () => {
  it('accepts the configured bearer token, and refuses a wrong token, a missing header and another scheme without echoing either credential', () => {
    const verify = verifier({ TOKEN });
    expect(verify(auth(`Bearer ${TOKEN}`))).to.deep.equal({ ok: true });
    expectRefused(verify(auth('Bearer nope')), TOKEN, 'nope');
    expectRefused(verify(auth(`Bearer ${TOKEN}-and-more`)), TOKEN);
    expectRefused(verify(), TOKEN);
    expectRefused(verify(auth(`Token ${TOKEN}`)), TOKEN);
    expectRefused(verify(auth(basic(USER, TOKEN))), TOKEN);
  });

  it('accepts basic auth when USERNAME and PASSWORD are set, and refuses a wrong password or user', () => {
    const verify = verifier({ USERNAME: USER, PASSWORD });
    expect(verify(auth(basic(USER, PASSWORD)))).to.deep.equal({ ok: true });
    expectRefused(verify(auth(basic(USER, 'wrong'))), PASSWORD, 'wrong');
    expectRefused(verify(auth(basic('mallory', PASSWORD))), PASSWORD);
    expectRefused(verify(auth(`Bearer ${PASSWORD}`)), PASSWORD);
  });

  it('accepts either method when both are configured', () => {
    const verify = verifier({ TOKEN, USERNAME: USER, PASSWORD });
    expect(verify(auth(`Bearer ${TOKEN}`))).to.deep.equal({ ok: true });
    expect(verify(auth(basic(USER, PASSWORD)))).to.deep.equal({ ok: true });
    expectRefused(verify(auth(basic(USER, TOKEN))), TOKEN, PASSWORD);
  });

  it('refuses every request when no credential is configured, and says which variables to set', () => {
    const verify = verifier({});
    for (const header of [undefined, 'Bearer ', 'Bearer undefined', basic('', ''), basic('undefined', 'undefined')]) expectRefused(verify(auth(header)));
    const result = verify(auth('Bearer x'));
    expect(result.ok ? '' : result.reason).to.equal('no credentials are configured: set MUSTER_PLUGIN_MY_SOURCE_TOKEN, or MUSTER_PLUGIN_MY_SOURCE_USERNAME and MUSTER_PLUGIN_MY_SOURCE_PASSWORD');
  });

  it('does not accept basic auth with only a USERNAME set (no empty password)', () => {
    expectRefused(verifier({ USERNAME: USER })(auth(basic(USER, ''))));
  });

  it('judges a request carrying the token header by that header alone', () => {
    const verify = verifier({ TOKEN, USERNAME: USER, PASSWORD }, 'X-Muster-Token');
    expect(verify({ 'X-Muster-Token': ` ${TOKEN} ` })).to.deep.equal({ ok: true });
    expectRefused(verify({ 'X-Muster-Token': 'nope', Authorization: `Bearer ${TOKEN}` }), TOKEN, 'nope');
    expectRefused(verify({ 'X-Muster-Token': '' }), TOKEN);
    expect(verify(auth(`Bearer ${TOKEN}`))).to.deep.equal({ ok: true });
    expect(verify(auth(basic(USER, PASSWORD)))).to.deep.equal({ ok: true });
  });

  it('never throws and accepts nothing but the configured credentials, whatever the headers', () => {
    const verify = verifier({ TOKEN: 'the-token', USERNAME: 'u', PASSWORD: 'p' });
    const header = fc.oneof(hostileText, hostileText.map((text) => `Bearer ${text}`), hostileText.map((text) => `Basic ${Buffer.from(text).toString('base64')}`), fc.base64String().map((text) => `Basic ${text}`));
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('authorization', 'x-muster-token', 'cookie', 'x-forwarded-for'), header), (headers) => {
      const auth = headers.authorization?.trim();
      const genuine = auth === 'Bearer the-token' || auth === `Basic ${Buffer.from('u:p').toString('base64')}`;
      expect(verify(headers)).to.have.property('ok', genuine);
    }), { numRuns: 2500 });
  });
});
