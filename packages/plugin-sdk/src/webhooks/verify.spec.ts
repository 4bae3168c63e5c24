import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import type { Verification } from '../capabilities/alert-source';
import { webhookRequest } from '../testing/webhook-request';
import { verifyBasic, verifyBearer, verifyHeaderToken, verifyHmacSha256 } from './verify';

const TOKEN = 's3cret-token-4f9a';
const withAuth = (authorization: string) => webhookRequest({ headers: { Authorization: authorization } });
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');

/** A refusal, whose reason names neither the expected secret nor what was presented. */
function expectRefused(result: Verification, ...mustNotContain: string[]): void {
  expect(result.ok).to.equal(false);
  const reason = result.ok ? '' : result.reason;
  expect(reason).to.be.a('string').with.length.greaterThan(0);
  for (const secret of mustNotContain) expect(reason).not.to.include(secret);
}

describe('verifyBearer', () => {
  it('accepts the configured token, whatever the case of the scheme', () => {
    expect(verifyBearer(withAuth(`Bearer ${TOKEN}`), TOKEN)).to.deep.equal({ ok: true });
    expect(verifyBearer(withAuth(`bearer  ${TOKEN} `), TOKEN)).to.deep.equal({ ok: true });
  });

  it('refuses a wrong token, a prefix of the token, a longer one, and never says what either was', () => {
    expectRefused(verifyBearer(withAuth('Bearer guess-who'), TOKEN), TOKEN, 'guess-who');
    expectRefused(verifyBearer(withAuth(`Bearer ${TOKEN.slice(0, -1)}`), TOKEN), TOKEN);
    expectRefused(verifyBearer(withAuth(`Bearer ${TOKEN}x`), TOKEN), TOKEN);
  });

  it('refuses a missing header, another scheme, and an empty token', () => {
    expectRefused(verifyBearer(webhookRequest(), TOKEN), TOKEN);
    expectRefused(verifyBearer(withAuth(basic('u', TOKEN)), TOKEN), TOKEN);
    expectRefused(verifyBearer(withAuth('Bearer'), TOKEN), TOKEN);
    expectRefused(verifyBearer(withAuth(TOKEN), TOKEN), TOKEN);
  });

  it('refuses everything when no token is configured, even an empty bearer', () => {
    expectRefused(verifyBearer(withAuth('Bearer '), ''));
    expectRefused(verifyBearer(withAuth('Bearer x'), ''));
  });
});

describe('verifyBasic', () => {
  it('accepts the configured user and password, a password holding ":" included', () => {
    expect(verifyBasic(withAuth(basic('grafana', 'p:w')), 'grafana', 'p:w')).to.deep.equal({ ok: true });
  });

  it('refuses a wrong user or a wrong password without naming either', () => {
    expectRefused(verifyBasic(withAuth(basic('grafana', 'nope')), 'grafana', TOKEN), TOKEN, 'nope');
    expectRefused(verifyBasic(withAuth(basic('admin', TOKEN)), 'grafana', TOKEN), TOKEN, 'admin');
  });

  it('refuses a missing header, a bearer token, credentials without ":" and garbage', () => {
    expectRefused(verifyBasic(webhookRequest(), 'grafana', TOKEN), TOKEN);
    expectRefused(verifyBasic(withAuth(`Bearer ${TOKEN}`), 'grafana', TOKEN), TOKEN);
    expectRefused(verifyBasic(withAuth(`Basic ${Buffer.from(`grafana${TOKEN}`).toString('base64')}`), 'grafana', TOKEN), TOKEN);
    expectRefused(verifyBasic(withAuth('Basic !!!not base64!!!'), 'grafana', TOKEN), TOKEN);
  });

  it('refuses everything when the user or password is not configured', () => {
    expectRefused(verifyBasic(withAuth(basic('', '')), '', ''));
    expectRefused(verifyBasic(withAuth(basic('grafana', '')), 'grafana', ''));
  });
});

describe('verifyHeaderToken', () => {
  it('reads the header by any case of its name', () => {
    const request = webhookRequest({ headers: { 'X-Wazuh-Token': TOKEN } });
    expect(verifyHeaderToken(request, 'X-Wazuh-Token', TOKEN)).to.deep.equal({ ok: true });
    expect(verifyHeaderToken(request, 'x-wazuh-token', TOKEN)).to.deep.equal({ ok: true });
  });

  it('refuses a wrong, missing or truncated token, and any token when none is configured', () => {
    expectRefused(verifyHeaderToken(webhookRequest({ headers: { 'x-token': 'other' } }), 'x-token', TOKEN), TOKEN, 'other');
    expectRefused(verifyHeaderToken(webhookRequest({ headers: { 'x-other': TOKEN } }), 'x-token', TOKEN), TOKEN);
    expectRefused(verifyHeaderToken(webhookRequest({ headers: { 'x-token': TOKEN.slice(1) } }), 'x-token', TOKEN), TOKEN);
    expectRefused(verifyHeaderToken(webhookRequest({ headers: { 'x-token': '' } }), 'x-token', ''));
  });
});

describe('verifyHmacSha256', () => {
  const SECRET = 'whsec-rotating-1';
  const BODY = '{"event":{"event_type":"incident.triggered"}}';

  it('accepts the signature of the exact body', () => {
    expect(verifyHmacSha256(Buffer.from(BODY), SECRET, `v1=${sign(BODY, SECRET)}`, { prefix: 'v1=' })).to.deep.equal({ ok: true });
    expect(verifyHmacSha256(BODY, SECRET, sign(BODY, SECRET))).to.deep.equal({ ok: true });
  });

  it('accepts any one matching signature during a rotation, in one header or several', () => {
    const header = `v1=${sign(BODY, 'old-secret')}, v1=${sign(BODY, SECRET)}`;
    expect(verifyHmacSha256(BODY, SECRET, header, { prefix: 'v1=' })).to.deep.equal({ ok: true });
    expect(verifyHmacSha256(BODY, SECRET, [`v1=${sign(BODY, 'old-secret')}`, `v1=${sign(BODY, SECRET)}`], { prefix: 'v1=' })).to.deep.equal({ ok: true });
  });

  it('refuses a body changed by one byte, another secret, and a signature without the prefix', () => {
    const good = sign(BODY, SECRET);
    expectRefused(verifyHmacSha256(`${BODY} `, SECRET, `v1=${good}`, { prefix: 'v1=' }), SECRET, good);
    expectRefused(verifyHmacSha256(BODY, SECRET, `v1=${sign(BODY, 'other')}`, { prefix: 'v1=' }), SECRET);
    expectRefused(verifyHmacSha256(BODY, SECRET, `v2=${good}`, { prefix: 'v1=' }), SECRET, good);
    expectRefused(verifyHmacSha256(BODY, SECRET, good, { prefix: 'v1=' }), SECRET, good);
  });

  it('refuses a missing, empty, truncated, over-long or non-hex signature', () => {
    const good = sign(BODY, SECRET);
    for (const header of [undefined, '', 'v1=', ',,', `v1=${good.slice(0, 40)}`, `v1=${good}00`, `v1=${'z'.repeat(64)}`]) {
      expectRefused(verifyHmacSha256(BODY, SECRET, header, { prefix: 'v1=' }), SECRET);
    }
  });

  it('refuses everything when no secret is configured', () => {
    expectRefused(verifyHmacSha256(BODY, '', sign(BODY, '')));
  });

  it('reads base64 signatures when told to', () => {
    const b64 = createHmac('sha256', SECRET).update(BODY).digest('base64');
    expect(verifyHmacSha256(BODY, SECRET, b64, { encoding: 'base64' })).to.deep.equal({ ok: true });
    expectRefused(verifyHmacSha256(BODY, SECRET, b64), SECRET);
  });
});

describe('the verifiers, for any input', () => {
  const headers = fc.dictionary(fc.oneof(fc.constant('authorization'), fc.constant('x-token'), fc.string()), fc.string({ unit: 'binary' }));

  it('never throw, and refuse whatever does not carry the secret', () => {
    fc.assert(fc.property(headers, fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (h, secret, other) => {
      const request = webhookRequest({ headers: h });
      const results = [
        verifyBearer(request, secret), verifyBasic(request, secret, other), verifyHeaderToken(request, 'x-token', secret),
        verifyHmacSha256(Buffer.from(other), secret, h.authorization, { prefix: 'v1=' }),
      ];
      for (const result of results) {
        if (!result.ok && secret.length > 3) expect(result.reason).not.to.include(secret);
      }
      if (!Object.values(h).some((v) => secret && v.includes(secret))) {
        expect(results[0]!.ok, 'bearer').to.equal(false);
        expect(results[2]!.ok, 'header token').to.equal(false);
      }
    }), { numRuns: 2000 });
  });
});
