import { expect } from 'chai';
import { z } from 'zod';
import { definePlugin } from '../define-plugin';
import { readPayload } from '../webhooks/read-payload';
import { verifyBearer } from '../webhooks/verify';
import { assertDeliveries } from './assert-deliveries';
import { activateForTest } from './plugin-test-host';

const TOKEN = 'kit-token-51f0';
const Check = z.object({ id: z.string().min(1).max(50), down: z.boolean() });

/** A small alert source; `leaky` puts its token into a refusal reason. */
const example = (leaky = false) => definePlugin({
  id: 'example', name: 'Example', description: 'An example alert source', version: '1.0.0', sdk: '^1.0.0', capabilities: ['alert-source'],
  configSchema: z.object({}), secrets: [{ name: 'TOKEN', description: 'The bearer token', required: true }],
  activate: (ctx) => ({
    'alert-source': {
      verify: (request) => (leaky && !request.headers.authorization ? { ok: false, reason: `expected ${ctx.secrets.require('TOKEN')}` } : verifyBearer(request, ctx.secrets.require('TOKEN'))),
      parse: (request) => {
        const check = readPayload(request, Check);
        return [{ status: check.down ? 'firing' : 'resolved', groupKey: `check:${check.id}`, deliveryId: `${check.id}:${check.down}`, title: 'Check down' }];
      },
    },
  }),
});
const bearer = { authorization: `Bearer ${TOKEN}` };
const expectations = {
  accepted: [{ body: { id: 'c1', down: true }, headers: bearer }, { body: { id: 'c1', down: false }, headers: bearer }],
  refused: [{ body: { id: 'c1', down: true } }, { body: { id: 'c1', down: true }, headers: { authorization: 'Bearer guess' } }],
  malformed: { request: { body: { id: 'c1' }, headers: bearer }, reason: 'down is missing' },
};

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('assertDeliveries', () => {
  it('hands back the accepted deliveries of a source that keeps the contract', async () => {
    const plugin = await activateForTest(example(), { secrets: { TOKEN } });
    const [down, up] = await assertDeliveries(plugin, { TOKEN }, expectations);
    expect([down!.signals[0]!.status, up!.signals[0]!.status]).to.deep.equal(['firing', 'resolved']);
  });

  it('fails when an accepted request is refused or malformed, a refused one is accepted, or the reason differs', async () => {
    const plugin = await activateForTest(example(), { secrets: { TOKEN } });
    expect(await failure(() => assertDeliveries(plugin, { TOKEN }, { ...expectations, accepted: [{ body: { id: 'c1', down: true } }] }))).to.match(/^accepted\[0\] was refused/);
    expect(await failure(() => assertDeliveries(plugin, { TOKEN }, { ...expectations, accepted: [{ body: {}, headers: bearer }] }))).to.match(/^accepted\[0\] was answered 400: id is missing/);
    expect(await failure(() => assertDeliveries(plugin, { TOKEN }, { ...expectations, refused: [{ body: {}, headers: bearer }] }))).to.equal('refused[0] was accepted');
    expect(await failure(() => assertDeliveries(plugin, { TOKEN }, { ...expectations, malformed: { ...expectations.malformed, reason: 'something else' } }))).to.match(/answered "down is missing", not "something else"/);
  });

  it('fails when a secret reaches a reason, naming where without printing it', async () => {
    const plugin = await activateForTest(example(true), { secrets: { TOKEN } });
    const message = await failure(() => assertDeliveries(plugin, { TOKEN }, expectations));
    expect(message).to.match(/^TOKEN appears in the value\.refused\[0\]\.verification\.reason/);
    expect(message).not.to.include(TOKEN);
  });
});
