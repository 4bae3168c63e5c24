import { PluginHttpError } from '@muster/plugin-sdk';
import { webhookRequest } from '@muster/plugin-sdk/testing';
import { expect } from 'chai';
import type { OpsgenieFake } from './fake';
import { acknowledge, addNote, close, create } from './fixtures';
import { activated, checkout, rejection, seededFake, servicePage, TOKEN } from './paging-host.spec-helper';

const posted = (body: unknown) => webhookRequest({ body, headers: { authorization: `Bearer ${TOKEN}` } });

describe('opsgenie oncall: whoIsOnCall', () => {
  let og: OpsgenieFake;
  beforeEach(async () => { og = await seededFake(); });
  afterEach(() => og.stop());

  it('reads the schedule\'s on-call recipients (usernames are emails), each person once', async () => {
    const { ports } = await activated(og);
    const people = await ports.oncall.whoIsOnCall({ name: 'checkout', service: checkout });
    expect(people.map((p) => p.email)).to.deep.equal(['ana@example.com', 'bo@example.com']);
    const call = og.requests.at(-1)!;
    expect(call.path).to.equal('/v2/schedules/checkout_oncall/on-calls');
    expect(Object.fromEntries(call.query)).to.deep.equal({ scheduleIdentifierType: 'name', flat: 'true' });
  });

  it('an unknown schedule is a PluginHttpError 404; recipients that are not strings fail cleanly', async () => {
    const { ports } = await activated(og);
    expect(await rejection(ports.oncall.whoIsOnCall({ name: 'nosuch' }))).to.be.instanceOf(PluginHttpError).with.property('status', 404);
    og.answerNext({ status: 200, json: { data: { onCallRecipients: [{ evil: true }] } } });
    expect((await rejection(ports.oncall.whoIsOnCall({ name: 'checkout', service: checkout }))).message).to.contain('data.onCallRecipients.0');
  });
});

describe('opsgenie paging: acknowledgements from the Webhook integration', () => {
  let og: OpsgenieFake;
  beforeEach(async () => { og = await seededFake(); });
  afterEach(() => og.stop());

  it('maps Acknowledge of a paged alert to its dedupKey and the user who acknowledged, by email', async () => {
    const { ports } = await activated(og);
    await ports.paging.page(servicePage(), { idempotencyKey: 'k1' });
    const body = og.act('muster:incident-1:checkout', 'Acknowledge', 'ana@example.com');
    expect(await ports.paging.acknowledgements!(posted(body))).to.deep.equal([
      { dedupKey: 'muster:incident-1:checkout', state: 'acknowledged', by: { platform: 'opsgenie', id: 'ana@example.com', name: 'ana@example.com', email: 'ana@example.com' } },
    ]);
  });

  it('reads the documented Acknowledge and Close posts by alias; other actions and alias-less alerts answer nothing', async () => {
    const { ports } = await activated(og);
    const [ack] = await ports.paging.acknowledgements!(posted(acknowledge));
    expect(ack).to.deep.include({ dedupKey: 'checkout-5xx-rate', state: 'acknowledged' });
    const [closed] = await ports.paging.acknowledgements!(posted(close));
    expect(closed).to.include({ dedupKey: 'checkout-5xx-rate', state: 'resolved' });
    expect(await ports.paging.acknowledgements!(posted(create))).to.deep.equal([]);
    expect(await ports.paging.acknowledgements!(posted(addNote))).to.deep.equal([]);
    const { alias: _alias, ...aliasless } = acknowledge.alert;
    expect(await ports.paging.acknowledgements!(posted({ ...acknowledge, alert: aliasless }))).to.deep.equal([]);
  });

  it('leaves out "by" when Opsgenie itself (System) acted', async () => {
    const { ports } = await activated(og);
    const [ack] = await ports.paging.acknowledgements!(posted({ ...close, alert: { ...close.alert, username: 'System' } }));
    expect(ack).to.not.have.property('by');
  });
});
