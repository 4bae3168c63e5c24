import { expect } from 'chai';
import { Incident, SeverityCatalog } from '@muster/core';
import { dedupKeyOf } from '@muster/server';
import { ANA, BOB, type SlackE2E } from '../e2e/slack/harness';
import type { SlackChannel } from '../e2e/slack/slack-payloads';
import { remote } from '../fixtures/plugins/fixture-ops';
import { postWebhook } from './plugin-support';
import { LIMA, OPS, OPS_TOKEN, startOps, statusOf } from './integrations-support';

/**
 * What comes back from the integrations, on the real server: page acknowledgements and ticket changes
 * through `POST /webhooks/fixture-ops` (verified, of this tenant only, applied once), and the `page` and
 * `runbook` commands (a private incident's outsider is refused without learning anything).
 */
describe('integrations: webhooks and commands', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let room: SlackChannel;
  let dedupKey: string;
  const ack = (key: string, by = 'Ana Lima') => ({ acks: [{ dedupKey: key, by, state: 'acknowledged' }] });

  before(async () => {
    remote.reset();
    e2e = await startOps();
    await e2e.command('declare "Checkout errors for EU cards" --sev SEV1 --service checkout');
    await e2e.settle();
    room = await e2e.roomOf(1);
    dedupKey = dedupKeyOf((await e2e.incident(1)).id, 'checkout');
  });
  after(() => e2e?.stop());

  it('refuses an acknowledgement with a bad token (401) and stores nothing', async () => {
    const before = (await e2e.incident(1)).integrations;
    const answer = await postWebhook(e2e.server.url, OPS, { token: 'wrong-token', body: ack(dedupKey) });
    expect(answer.status).to.equal(401);
    expect((await e2e.incident(1)).integrations).to.deep.equal(before);
    expect(answer.text).to.not.include(OPS_TOKEN);
  });

  it('shows who acknowledged the page, once however often the webhook is delivered', async () => {
    for (let n = 0; n < 2; n++) {
      const answer = await postWebhook(e2e.server.url, OPS, { token: OPS_TOKEN, body: ack(dedupKey) });
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.include({ acknowledged: n === 0 ? 1 : 0 });
    }
    await e2e.settle();
    const line = statusOf((await e2e.incident(1)).integrations, `page:${OPS}:checkout`)!;
    expect(line).to.deep.include({ state: 'acknowledged', detail: 'paged Ana Lima, Bo Chen · by Ana Lima' });
    expect((await e2e.timeline(1)).filter((t) => /acknowledged/.test(t.text) && t.kind === 'integration')).to.have.length(1);
  });

  it('changes nothing for an acknowledgement naming another tenant\'s incident', async () => {
    const at = new Date();
    const foreign = Incident.declare({ id: 'foreign-inc', tenantId: 'acme', number: 1, title: 'Theirs', severity: 'SEV1', declaredBy: { platform: 'slack', id: 'U0X' }, source: 'slack', at }, new SeverityCatalog());
    foreign.recordIntegration({ key: `page:${OPS}:checkout`, kind: 'page', pluginId: OPS, provider: 'Fixture Ops', state: 'done', updatedAt: at.toISOString() }, at);
    foreign.pullEvents();
    await e2e.store.repositories.incidents.save(foreign);
    const answer = await postWebhook(e2e.server.url, OPS, { token: OPS_TOKEN, body: ack(dedupKeyOf('foreign-inc', 'checkout'), 'Mallory') });
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.include({ acknowledged: 0 });
    expect(statusOf((await e2e.store.repositories.incidents.findById('foreign-inc'))!.integrations, `page:${OPS}:checkout`)?.state).to.equal('done');
  });

  it('opens a ticket for a follow-up and marks it done once when its ticket is closed in the tracker, without syncing it back', async () => {
    await e2e.command('action Add an alert on card declines', ANA, room);
    await e2e.settle();
    const [item] = await e2e.store.repositories.actionItems.listByIncident((await e2e.incident(1)).id);
    expect(item!.ticket?.url).to.match(/^https:\/\/ops\.example\/open_item_ticket\//);
    const ticketId = item!.ticket!.url.split('/').at(-1)!;
    const syncsBefore = remote.calls.filter((c) => c.op === 'sync_item_ticket').length;
    for (let n = 0; n < 2; n++) {
      const answer = await postWebhook(e2e.server.url, OPS, { token: OPS_TOKEN, body: { tickets: [{ ticketId, state: 'done' }] } });
      expect(answer.status).to.equal(200);
    }
    await e2e.settle();
    expect((await e2e.store.repositories.actionItems.findById(item!.id))!.state).to.equal('done');
    expect((await e2e.timeline(1)).filter((t) => t.kind === 'action_item' && /done in/.test(t.text))).to.have.length(1);
    expect(remote.calls.filter((c) => c.op === 'sync_item_ticket').length, 'the tracker is not told what it said').to.equal(syncsBefore);
  });

  it('ignores a ticket event for a ticket it does not know', async () => {
    const answer = await postWebhook(e2e.server.url, OPS, { token: OPS_TOKEN, body: { tickets: [{ ticketId: 'open_item_ticket-999', state: 'done' }] } });
    expect(answer.status).to.equal(200);
    expect(answer.body).to.deep.include({ settled: 0 });
  });

  it('pages on demand through the plugin, and lists the catalogue for an unknown service', async () => {
    const before = remote.calls.filter((c) => c.op === 'page').length;
    const answer = await e2e.command('page payments', ANA, room);
    expect(answer.text).to.include('Paging the on-call of payments through Fixture Ops');
    await e2e.settle();
    expect(remote.calls.filter((c) => c.op === 'page').length).to.equal(before + 1);
    const unknown = await e2e.command('page nosuch', ANA, room);
    expect(unknown.text).to.include('Known services: checkout, payments');
    expect(remote.calls.filter((c) => c.op === 'page').length).to.equal(before + 1);
  });

  it('pages a mentioned person by the email their chat profile has', async () => {
    const answer = await e2e.command(`page <@${LIMA.id}>`, ANA, room);
    expect(answer.text).to.include('Paging');
    await e2e.settle();
    expect(remote.calls.filter((c) => c.op === 'page').at(-1)!.detail).to.deep.include({ target: LIMA.email, urgency: 'high' });
    const unknown = await e2e.command('page @nobody-by-that-name', ANA, room);
    expect(unknown.text).to.include('could not find');
  });

  it('posts the runbook again on demand', async () => {
    await e2e.command('runbook checkout', ANA, room);
    await e2e.settle();
    expect(e2e.postsMentioning(room.id, 'Runbook: checkout runbook')).to.have.length(2);
  });

  it('refuses `page` to someone outside a private incident without saying anything about it', async () => {
    await e2e.command('declare "Payroll export leaks" --private --sev SEV3', ANA);
    await e2e.settle();
    const before = remote.calls.length;
    const answer = await e2e.command('INC-2 page checkout', BOB);
    await e2e.settle();
    expect(answer.text).to.not.include('Payroll');
    expect(answer.text).to.match(/no incident INC-2 that you can see/);
    expect(remote.calls.slice(before).filter((c) => c.op === 'page')).to.deep.equal([]);
  });

  it('keeps the host\'s ticket index outside the plugin\'s storage budget', async () => {
    const storage = e2e.store.pluginStorage;
    const at = new Date();
    for (let i = 0; i < 1000; i++) await storage.set(OPS, 'budget', `key-${i}`, '1', at);
    const over = await storage.set(OPS, 'budget', 'one-more', '1', at).then(() => undefined, (e: unknown) => e);
    expect(over, 'the plugin\'s own keys are limited').to.be.instanceOf(Error);
    await storage.set(OPS, 'budget', 'muster:ticket:T-1', '{}', at);
    expect(await storage.get(OPS, 'budget', 'muster:ticket:T-1')).to.equal('{}');
  });
});
