import { expect } from 'chai';
import type { Verification } from '@muster/plugin-sdk';
import { activateForTest, webhookRequest } from '@muster/plugin-sdk/testing';
import alertmanager from './index';
import { fixture } from './fixtures';

const TOKEN = 'am-token-9c1e55d0';
const USER = 'alertmanager';
const PASSWORD = 'pw-3b8e1f';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function verifier(secrets: Record<string, string>) {
  const { ports } = await activateForTest(alertmanager, { secrets });
  return async (authorization?: string): Promise<Verification> =>
    ports['alert-source'].verify(webhookRequest({ body: fixture('firing'), headers: authorization === undefined ? {} : { Authorization: authorization } }));
}

function expectRefused(result: Verification, ...secrets: string[]): void {
  expect(result.ok).to.equal(false);
  const reason = result.ok ? '' : result.reason;
  expect(reason).to.have.length.greaterThan(0);
  for (const secret of secrets) expect(reason).not.to.include(secret);
}

describe('alertmanager: verify', () => {
  it('accepts the configured bearer token (http_config authorization credentials)', async () => {
    const verify = await verifier({ TOKEN });
    expect(await verify(`Bearer ${TOKEN}`)).to.deep.equal({ ok: true });
  });

  it('refuses a wrong token, a missing header and another scheme, without echoing either credential', async () => {
    const verify = await verifier({ TOKEN });
    expectRefused(await verify('Bearer nope'), TOKEN, 'nope');
    expectRefused(await verify(`Bearer ${TOKEN}-and-more`), TOKEN);
    expectRefused(await verify(), TOKEN);
    expectRefused(await verify(`Token ${TOKEN}`), TOKEN);
    expectRefused(await verify(basic(USER, TOKEN)), TOKEN);
  });

  it('accepts basic auth when USERNAME and PASSWORD are set, and refuses a wrong password or user', async () => {
    const verify = await verifier({ USERNAME: USER, PASSWORD });
    expect(await verify(basic(USER, PASSWORD))).to.deep.equal({ ok: true });
    expectRefused(await verify(basic(USER, 'wrong')), PASSWORD, 'wrong');
    expectRefused(await verify(basic('mallory', PASSWORD)), PASSWORD);
    expectRefused(await verify(`Bearer ${PASSWORD}`), PASSWORD);
  });

  it('accepts either method when both are configured', async () => {
    const verify = await verifier({ TOKEN, USERNAME: USER, PASSWORD });
    expect(await verify(`Bearer ${TOKEN}`)).to.deep.equal({ ok: true });
    expect(await verify(basic(USER, PASSWORD))).to.deep.equal({ ok: true });
    expectRefused(await verify(basic(USER, TOKEN)), TOKEN, PASSWORD);
  });

  it('refuses every request when no credential is configured, and says which variables to set', async () => {
    const verify = await verifier({});
    for (const header of [undefined, 'Bearer ', 'Bearer undefined', basic('', ''), basic('undefined', 'undefined')]) {
      expectRefused(await verify(header));
    }
    const result = await verify('Bearer x');
    expect(result.ok ? '' : result.reason).to.include('MUSTER_PLUGIN_ALERTMANAGER_TOKEN');
  });

  it('does not accept basic auth with only a USERNAME set (no empty password)', async () => {
    const verify = await verifier({ USERNAME: USER });
    expectRefused(await verify(basic(USER, '')));
  });
});
