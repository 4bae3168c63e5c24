import { expect } from 'chai';
import type { Verification } from '@muster/plugin-sdk';
import { activateForTest, webhookRequest } from '@muster/plugin-sdk/testing';
import datadog from './index';
import { fixture } from './fixtures';

const TOKEN = 'dd-token-61f0c2aa';
const USER = 'datadog';
const PASSWORD = 'pw-a81c44';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function verifier(secrets: Record<string, string>) {
  const { ports } = await activateForTest(datadog, { secrets });
  return async (headers: Record<string, string> = {}): Promise<Verification> => ports['alert-source'].verify(webhookRequest({ body: fixture('triggered'), headers }));
}

function expectRefused(result: Verification, ...secrets: string[]): void {
  expect(result.ok).to.equal(false);
  const reason = result.ok ? '' : result.reason;
  expect(reason).to.have.length.greaterThan(0);
  for (const secret of secrets) expect(reason).not.to.include(secret);
}

describe('datadog: verify', () => {
  it('accepts the token as a custom X-Muster-Token header or as Authorization: Bearer', async () => {
    const verify = await verifier({ TOKEN });
    expect(await verify({ 'X-Muster-Token': TOKEN })).to.deep.equal({ ok: true });
    expect(await verify({ Authorization: `Bearer ${TOKEN}` })).to.deep.equal({ ok: true });
  });

  it('refuses a wrong token in either header, a missing one and another scheme, without echoing credentials', async () => {
    const verify = await verifier({ TOKEN });
    expectRefused(await verify({ 'X-Muster-Token': 'guess' }), TOKEN, 'guess');
    expectRefused(await verify({ Authorization: `Bearer ${TOKEN.toUpperCase()}` }), TOKEN);
    expectRefused(await verify(), TOKEN);
    expectRefused(await verify({ Authorization: `Token ${TOKEN}` }), TOKEN);
    expectRefused(await verify({ 'DD-API-KEY': TOKEN }), TOKEN);
  });

  it('checks X-Muster-Token when present: a right bearer does not excuse a wrong custom header', async () => {
    const verify = await verifier({ TOKEN });
    expectRefused(await verify({ 'X-Muster-Token': 'wrong', Authorization: `Bearer ${TOKEN}` }), TOKEN);
  });

  it('accepts basic auth when USERNAME and PASSWORD are set, and refuses wrong ones', async () => {
    const verify = await verifier({ USERNAME: USER, PASSWORD });
    expect(await verify({ Authorization: basic(USER, PASSWORD) })).to.deep.equal({ ok: true });
    expectRefused(await verify({ Authorization: basic(USER, 'nope') }), PASSWORD, 'nope');
    expectRefused(await verify({ 'X-Muster-Token': PASSWORD }), PASSWORD);
  });

  it('refuses every request when no credential is configured, naming what to set', async () => {
    const verify = await verifier({});
    for (const headers of [{}, { 'X-Muster-Token': '' }, { 'X-Muster-Token': 'undefined' }, { Authorization: 'Bearer ' }, { Authorization: basic('', '') }] as Record<string, string>[]) {
      expectRefused(await verify(headers));
    }
    const result = await verify({ 'X-Muster-Token': 'x' });
    expect(result.ok ? '' : result.reason).to.include('MUSTER_PLUGIN_DATADOG_TOKEN');
  });
});
